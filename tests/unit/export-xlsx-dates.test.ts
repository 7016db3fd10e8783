import { describe, expect, it } from 'vitest';
import { parisWallClock } from '@/lib/export/cells';
import { xlsxParisDate, xlsxValue } from '@/lib/export/xlsx';

/** xlsx.ts keeps one Intl formatter for the list export's speed: it must give cells.ts's result. */
describe('xlsxParisDate', () => {
  it.each([
    '2024-01-14T08:30:00.000Z', // winter, UTC+1
    '2024-07-01T22:15:59.000Z', // summer, UTC+2, next day in Paris
    '2024-03-31T00:59:59.000Z', // just before the spring change
    '2024-03-31T01:00:00.000Z', // just after it
    '2024-10-27T00:30:00.000Z', // the repeated hour in autumn
    '2024-10-27T01:30:00.000Z',
    '1999-12-31T23:00:00.000Z', // midnight of 2000 in Paris
  ])('%s', (iso) => {
    const d = new Date(iso);
    expect(xlsxParisDate(d).toISOString()).toBe(parisWallClock(d).toISOString());
    expect((xlsxValue(d, 'date') as Date).toISOString()).toBe(parisWallClock(d).toISOString());
  });

  it('winter and summer offsets', () => {
    expect(xlsxParisDate(new Date('2024-01-14T08:30:00Z')).toISOString()).toBe('2024-01-14T09:30:00.000Z');
    expect(xlsxParisDate(new Date('2024-07-01T22:15:59Z')).toISOString()).toBe('2024-07-02T00:15:59.000Z');
  });
});
