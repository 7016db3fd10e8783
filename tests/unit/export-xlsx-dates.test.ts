import { describe, expect, it } from 'vitest';
import { parisWallClock } from '@/lib/paris-time';
import { xlsxValue } from '@/lib/export/xlsx';

/** Paris wall-clock time as UTC fields (what Excel displays), across both DST changes. */
describe('parisWallClock', () => {
  it.each([
    ['2024-01-14T08:30:00.000Z', '2024-01-14T09:30:00.000Z'], // winter, UTC+1
    ['2024-07-01T22:15:59.000Z', '2024-07-02T00:15:59.000Z'], // summer, UTC+2, next day in Paris
    ['2024-03-31T00:59:59.000Z', '2024-03-31T01:59:59.000Z'], // just before the spring change
    ['2024-03-31T01:00:00.000Z', '2024-03-31T03:00:00.000Z'], // just after it
    ['2024-10-27T00:30:00.000Z', '2024-10-27T02:30:00.000Z'], // the repeated hour in autumn (first)
    ['2024-10-27T01:30:00.000Z', '2024-10-27T02:30:00.000Z'], // (second)
    ['1999-12-31T23:00:00.000Z', '2000-01-01T00:00:00.000Z'], // midnight of 2000 in Paris
  ])('%s → %s', (iso, wall) => {
    const d = new Date(iso);
    expect(parisWallClock(d).toISOString()).toBe(wall);
    expect((xlsxValue(d, 'date') as Date).toISOString()).toBe(wall);
  });
});
