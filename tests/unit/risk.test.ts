import { describe, expect, it } from 'vitest';
import { computeRisk, type RiskInputs, riskLevel } from '@/lib/finances/risk';

const clean: RiskInputs = {
  overdueCents: 0,
  overdueCount: 0,
  oldestOverdueDays: 0,
  balanceCents: 0,
  averageInvoiceCents: 10_000,
  settledDaysLate: [],
};
const points = (inputs: Partial<RiskInputs>, code: string) =>
  computeRisk({ ...clean, ...inputs }).factors.find((f) => f.code === code)!.points;

describe('computeRisk', () => {
  it('is 0 / low with nothing owed and no late history', () => {
    expect(computeRisk(clean)).toMatchObject({ score: 0, level: 'low' });
    expect(computeRisk({ ...clean, averageInvoiceCents: 0 })).toMatchObject({ score: 0, level: 'low' });
    expect(computeRisk({ ...clean, settledDaysLate: [-3, 0, 1, 0.5] }).score).toBe(0);
  });

  it('reaches exactly 100 for the worst case and never more', () => {
    const worst: RiskInputs = {
      overdueCents: 10_000_000,
      overdueCount: 50,
      oldestOverdueDays: 4000,
      balanceCents: 10_000_000,
      averageInvoiceCents: 1_000,
      settledDaysLate: [2, 2, 2, 400, 400, 400],
    };
    const r = computeRisk(worst);
    expect(r.score).toBe(100);
    expect(r.level).toBe('high');
    expect(r.factors.map((f) => f.points)).toEqual([25, 30, 20, 15, 10]);
    expect(r.factors.every((f) => f.points <= f.maxPoints)).toBe(true);
  });

  it('level thresholds: 29 low, 30 medium, 59 medium, 60 high', () => {
    expect(riskLevel(0)).toBe('low');
    expect(riskLevel(29)).toBe('low');
    expect(riskLevel(30)).toBe('medium');
    expect(riskLevel(59)).toBe('medium');
    expect(riskLevel(60)).toBe('high');
    expect(riskLevel(100)).toBe('high');
  });

  it('overdue amount: 10 + 5 per average invoice, capped at 25', () => {
    expect(points({ overdueCents: 0 }, 'overdue_amount')).toBe(0);
    expect(points({ overdueCents: 1 }, 'overdue_amount')).toBe(10);
    expect(points({ overdueCents: 10_000 }, 'overdue_amount')).toBe(15);
    expect(points({ overdueCents: 30_000 }, 'overdue_amount')).toBe(25);
    expect(points({ overdueCents: 31_000 }, 'overdue_amount')).toBe(25);
    expect(points({ overdueCents: 29_000 }, 'overdue_amount')).toBe(25); // 10 + round(14.5) = 25
    expect(points({ overdueCents: 28_000 }, 'overdue_amount')).toBe(24);
  });

  it('overdue age brackets at 30 / 31, 60 / 61, 90 / 91 days; nothing without an overdue amount', () => {
    const age = (d: number) => points({ overdueCents: 100, overdueCount: 1, oldestOverdueDays: d }, 'overdue_age');
    expect(age(0)).toBe(10);
    expect(age(30)).toBe(10);
    expect(age(31)).toBe(20);
    expect(age(60)).toBe(20);
    expect(age(61)).toBe(25);
    expect(age(90)).toBe(25);
    expect(age(91)).toBe(30);
    expect(points({ overdueCents: 0, oldestOverdueDays: 200 }, 'overdue_age')).toBe(0);
  });

  it('late share: settled > 1 day late plus overdue, over settled plus overdue', () => {
    expect(points({ settledDaysLate: [] }, 'late_share')).toBe(0);
    expect(points({ settledDaysLate: [1, 1.0] }, 'late_share')).toBe(0); // grace day
    expect(points({ settledDaysLate: [1.01, 0] }, 'late_share')).toBe(10);
    expect(points({ settledDaysLate: [5, 5, 5, 0] }, 'late_share')).toBe(15);
    expect(points({ settledDaysLate: [0], overdueCount: 1, overdueCents: 1 }, 'late_share')).toBe(10);
    expect(points({ settledDaysLate: [], overdueCount: 2, overdueCents: 1 }, 'late_share')).toBe(20);
  });

  it('delay trend: needs 4 settled invoices; +1 point per 2 days of worsening, capped at 15', () => {
    expect(points({ settledDaysLate: [0, 0, 40] }, 'delay_trend')).toBe(0);
    expect(points({ settledDaysLate: [0, 10, 10, 10] }, 'delay_trend')).toBe(5);
    expect(points({ settledDaysLate: [10, 10, 10, 0, 0, 0] }, 'delay_trend')).toBe(0); // improving
    expect(points({ settledDaysLate: [-30, -30, -30, 0, 0, 0] }, 'delay_trend')).toBe(0); // early counts as 0 lateness
    expect(points({ settledDaysLate: [99, 0, 0, 0, 30, 30, 30] }, 'delay_trend')).toBe(15); // only the 6 latest count
    expect(points({ settledDaysLate: [0, 0, 0, 29, 29, 29] }, 'delay_trend')).toBe(15);
    expect(points({ settledDaysLate: [0, 0, 0, 3, 3, 3] }, 'delay_trend')).toBe(2); // round(1.5)
  });

  it('balance vs average invoice: ≤1× 0, ≤3× 5, >3× 10', () => {
    expect(points({ balanceCents: 10_000 }, 'balance_vs_average')).toBe(0);
    expect(points({ balanceCents: 10_001 }, 'balance_vs_average')).toBe(5);
    expect(points({ balanceCents: 30_000 }, 'balance_vs_average')).toBe(5);
    expect(points({ balanceCents: 30_001 }, 'balance_vs_average')).toBe(10);
    expect(points({ balanceCents: -500 }, 'balance_vs_average')).toBe(0);
  });

  it('sums the factors and explains each in French', () => {
    const r = computeRisk({
      ...clean,
      overdueCents: 10_000,
      overdueCount: 1,
      oldestOverdueDays: 45,
      balanceCents: 25_000,
      settledDaysLate: [0],
    });
    // 15 (amount) + 20 (age) + 10 (1 late of 2) + 0 (trend) + 5 (2.5× average)
    expect(r.score).toBe(50);
    expect(r.level).toBe('medium');
    expect(r.factors.find((f) => f.code === 'overdue_age')!.detail).toMatch(/45 jours/);
    expect(r.factors.every((f) => f.label.length > 0 && f.detail.length > 0)).toBe(true);
  });
});
