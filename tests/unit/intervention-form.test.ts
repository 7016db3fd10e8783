import { describe, expect, it } from 'vitest';
import { eurosToCents, linesFromDrafts, planFormInput, reportFormInput } from '@/lib/interventions/form';
import { interventionCreateSchema, interventionReportSchema } from '@/lib/interventions/schema';

const form = (values: Record<string, string>) => {
  const fd = new FormData();
  for (const [k, v] of Object.entries(values)) fd.append(k, v);
  return fd;
};

describe('interventions forms → schema input', () => {
  it('euros as typed in French become cents; anything else is left for the schema to refuse', () => {
    expect(eurosToCents('65')).toBe(6500);
    expect(eurosToCents('65,5')).toBe(6550);
    expect(eurosToCents('1 234,56 €')).toBe(123456);
    expect(eurosToCents('0,05')).toBe(5);
    expect(eurosToCents('12,345')).toBe('12,345');
    expect(eurosToCents('-3')).toBe('-3');
  });

  it('lines: an empty price is 0 (to be priced), a bad one fails the schema on that line', () => {
    const lines = linesFromDrafts([
      { label: 'Main-d’œuvre', quantity: '1,5', unitPrice: '65,00', vatRateBp: 2000 },
      { label: 'Filtre', quantity: '1', unitPrice: '', vatRateBp: 2000 },
      { label: 'Joint', quantity: '1', unitPrice: 'abc', vatRateBp: 2000 },
    ]);
    expect(lines[0]).toMatchObject({ quantity: '1,5', unitPriceHtCents: 6500 });
    expect(lines[1].unitPriceHtCents).toBe(0);
    const result = interventionReportSchema.safeParse({ lines });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => i.path.join('.'))).toEqual(['lines.2.unitPriceHtCents']);
  });

  it('the report form leaves out what it did not render, reads the checkbox only when it was shown', () => {
    expect(reportFormInput(form({ lines: '[]' }))).toEqual({ lines: [] });
    expect(reportFormInput(form({ noChargeField: '1' }))).toEqual({ noCharge: false });
    expect(reportFormInput(form({ noChargeField: '1', noCharge: 'on', workDone: '  ', odometerKm: '12 000' }))).toEqual(
      {
        noCharge: true,
        workDone: null,
        odometerKm: 12000,
      },
    );
    expect(interventionReportSchema.safeParse(reportFormInput(form({ lines: '{oops' }))).success).toBe(false);
  });

  it('the planning form: empty selects are "none", the duration a number, the date Paris local time', () => {
    const input = planFormInput(
      form({ kind: 'diagnostic', scheduledAt: '2026-07-01T14:30', durationMinutes: '45', vehicleId: '' }),
    );
    const parsed = interventionCreateSchema.parse(input);
    expect(parsed).toMatchObject({ kind: 'diagnostic', durationMinutes: 45, vehicleId: null, technicianId: null });
    expect(parsed.scheduledAt.toISOString()).toBe('2026-07-01T12:30:00.000Z');
  });
});
