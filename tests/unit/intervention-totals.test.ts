import { describe, expect, it } from 'vitest';
import { interventionLineSchema } from '@/lib/interventions/schema';
import { addDays, parisDayRange, parisToday } from '@/lib/interventions/time';
import { computeTotals, lineAmounts, quantityHundredths } from '@/lib/interventions/totals';

describe('intervention totals (server-side, per-line rounding)', () => {
  it('reads decimal quantities exactly', () => {
    expect(quantityHundredths('1.5')).toBe(150);
    expect(quantityHundredths('1,25')).toBe(125);
    expect(quantityHundredths(2)).toBe(200);
    expect(quantityHundredths('0.10')).toBe(10);
    expect(quantityHundredths('1.255')).toBeNull();
    expect(quantityHundredths('-1')).toBeNull();
    expect(quantityHundredths('abc')).toBeNull();
    expect(quantityHundredths(0.1 + 0.2)).toBeNull();
  });

  it('rounds each line HT then its VAT to the cent, half up', () => {
    // 1.5 h × 65,00 € = 97,50 € HT; VAT 20 % = 19,50 €.
    expect(lineAmounts({ quantity: '1.50', unitPriceHtCents: 6500, vatRateBp: 2000 })).toEqual({
      htCents: 9750,
      vatCents: 1950,
    });
    // 0.33 × 0,05 € = 0,0165 € → 0,02 €; VAT 5,5 % of 2 cents = 0,11 cent → 0.
    expect(lineAmounts({ quantity: '0.33', unitPriceHtCents: 5, vatRateBp: 550 })).toEqual({ htCents: 2, vatCents: 0 });
    // Half a cent goes up: 0.5 × 1 cent = 0.5 → 1; 10 cents at 5,5 % = 0.55 → 1.
    expect(lineAmounts({ quantity: '0.50', unitPriceHtCents: 1, vatRateBp: 0 }).htCents).toBe(1);
    expect(lineAmounts({ quantity: '1', unitPriceHtCents: 10, vatRateBp: 550 }).vatCents).toBe(1);
  });

  it('sums rounded lines (VAT per line, several rates), TTC = HT + VAT', () => {
    const totals = computeTotals([
      { quantity: '1.5', unitPriceHtCents: 6500, vatRateBp: 2000 },
      { quantity: '3', unitPriceHtCents: 333, vatRateBp: 1000 },
      { quantity: '1', unitPriceHtCents: 1999, vatRateBp: 550 },
    ]);
    // 9750 + 999 + 1999 HT; VAT 1950 + 99.9→100 + 109.945→110.
    expect(totals).toEqual({ totalHtCents: 12748, vatCents: 2160, totalTtcCents: 14908 });
    expect(computeTotals([{ quantity: '2', unitPriceHtCents: 100, vatRateBp: 2000 }], { noCharge: true })).toEqual({
      totalHtCents: 0,
      vatCents: 0,
      totalTtcCents: 0,
    });
    expect(computeTotals([])).toEqual({ totalHtCents: 0, vatCents: 0, totalTtcCents: 0 });
  });

  it('the line schema normalises quantities and refuses bad rates and prices', () => {
    expect(interventionLineSchema.parse({ label: ' Main-d’œuvre ', quantity: '1,5', unitPriceHtCents: 6500 })).toEqual({
      label: 'Main-d’œuvre',
      quantity: '1.50',
      unitPriceHtCents: 6500,
      vatRateBp: 2000,
    });
    expect(interventionLineSchema.parse({ label: 'Pièce', quantity: 2 }).unitPriceHtCents).toBe(0);
    for (const bad of [
      { label: 'x', quantity: 0 },
      { label: 'x', quantity: '1.234' },
      { label: 'x', quantity: 1, vatRateBp: 1900 },
      { label: 'x', quantity: 1, unitPriceHtCents: -1 },
      { label: 'x', quantity: 1, unitPriceHtCents: 1.5 },
      { label: '', quantity: 1 },
    ])
      expect(interventionLineSchema.safeParse(bad).success, JSON.stringify(bad)).toBe(false);
  });
});

describe('Paris calendar days', () => {
  it('a day spans 00:00–24:00 Paris time, 23 or 25 hours when the clocks change', () => {
    const winter = parisDayRange('2026-01-15');
    expect(winter.start.toISOString()).toBe('2026-01-14T23:00:00.000Z');
    expect(winter.end.toISOString()).toBe('2026-01-15T23:00:00.000Z');
    const spring = parisDayRange('2026-03-29');
    expect(spring.start.toISOString()).toBe('2026-03-28T23:00:00.000Z');
    expect(spring.end.toISOString()).toBe('2026-03-29T22:00:00.000Z');
    const autumn = parisDayRange('2026-10-25');
    expect((autumn.end.getTime() - autumn.start.getTime()) / 3_600_000).toBe(25);
    const week = parisDayRange('2026-06-01', 7);
    expect(week.end.toISOString()).toBe('2026-06-07T22:00:00.000Z');
  });

  it("today is Paris's date, not UTC's", () => {
    expect(parisToday(new Date('2026-06-30T22:30:00Z'))).toBe('2026-07-01');
    expect(parisToday(new Date('2026-12-31T22:59:00Z'))).toBe('2026-12-31');
    expect(addDays('2026-02-28', 1)).toBe('2026-03-01');
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
  });
});
