import { describe, expect, it } from 'vitest';
import { churnRisk, leastSquares, nextVisit, revenueTrend, visitIntervals } from '@/lib/analytics/predictions';

const DAY = 86_400_000;
const d = (iso: string) => new Date(`${iso}T10:00:00Z`);
const days = (a: Date, b: Date) => Math.round((b.getTime() - a.getTime()) / DAY);

describe('visitIntervals', () => {
  it('sorts, dedupes same-day visits and measures days between them', () => {
    const h = visitIntervals([d('2025-03-01'), d('2025-01-01'), d('2025-01-01'), d('2025-05-30')]);
    expect(h.intervals).toEqual([59, 90]);
    expect(h.lastVisitAt?.toISOString()).toBe('2025-05-30T10:00:00.000Z');
    expect(visitIntervals([])).toEqual({ lastVisitAt: null, intervals: [] });
  });
});

describe('nextVisit', () => {
  it('regular history: last visit + the interval, high confidence', () => {
    const visits = [0, 1, 2, 3, 4, 5, 6].map((k) => new Date(d('2024-01-01').getTime() + k * 90 * DAY));
    const p = nextVisit(visitIntervals(visits), null);
    expect(p.intervalDays).toBe(90);
    expect(days(visits[6], p.nextVisitAt!)).toBe(90);
    expect(p.confidence).toBe(0.75); // 6/(6+2) × (1 − 0)
    expect(p.method).toMatch(/médiane des 6 derniers intervalles/);
  });

  it("the customer's own intervals win over the segment median (backtested)", () => {
    const p = nextVisit({ lastVisitAt: d('2025-01-01'), intervals: [100, 100, 100] }, 180);
    expect(p.intervalDays).toBe(100);
    const one = nextVisit({ lastVisitAt: d('2025-01-01'), intervals: [45] }, 180);
    expect(one).toMatchObject({ intervalDays: 45, confidence: 0.17 }); // 1/(1+2) × (1 − 0.5)
    expect(one.method).toMatch(/unique intervalle/);
  });

  it('irregular history: median resists the outlier, confidence drops', () => {
    const p = nextVisit({ lastVisitAt: d('2025-01-01'), intervals: [30, 200, 40, 35, 400, 38] }, null);
    expect(p.intervalDays).toBe(39); // median of (30,35,38,40,200,400)
    const regular = nextVisit({ lastVisitAt: d('2025-01-01'), intervals: [38, 39, 40, 38, 39, 40] }, null);
    expect(p.confidence).toBeLessThan(regular.confidence);
    expect(p.confidence).toBeGreaterThanOrEqual(0.05);
  });

  it('only the last 6 intervals count', () => {
    const p = nextVisit({ lastVisitAt: d('2025-01-01'), intervals: [999, 999, 999, 10, 10, 10, 10, 10, 10] }, null);
    expect(p.intervalDays).toBe(10);
  });

  it('single visit: segment median, low confidence; without one no prediction', () => {
    const withSeg = nextVisit({ lastVisitAt: d('2025-01-01'), intervals: [] }, 120.4);
    expect(withSeg).toMatchObject({ intervalDays: 120, confidence: 0.2 });
    expect(days(d('2025-01-01'), withSeg.nextVisitAt!)).toBe(120);
    const none = nextVisit({ lastVisitAt: d('2025-01-01'), intervals: [] }, null);
    expect(none).toMatchObject({ nextVisitAt: null, confidence: 0 });
    expect(none.method).toMatch(/Une seule visite/);
  });

  it('no visit: no prediction, confidence 0, a method sentence', () => {
    const p = nextVisit({ lastVisitAt: null, intervals: [] }, 90);
    expect(p).toMatchObject({ nextVisitAt: null, intervalDays: null, confidence: 0 });
    expect(p.method).toMatch(/Aucune visite/);
  });
});

describe('least squares and revenue trend', () => {
  it('recovers a known line exactly', () => {
    const ys = Array.from({ length: 24 }, (_, x) => 1000 + 250 * x);
    const fit = leastSquares(ys);
    expect(fit.slope).toBeCloseTo(250, 10);
    expect(fit.intercept).toBeCloseTo(1000, 10);
    expect(fit.r2).toBeCloseTo(1, 10);
  });

  it('known noisy data: slope of (1,2),(2,4),(3,5),(4,4),(5,5) is 0.6', () => {
    const fit = leastSquares([2, 4, 5, 4, 5]);
    expect(fit.slope).toBeCloseTo(0.6, 10);
    expect(fit.intercept).toBeCloseTo(2.8, 10); // at x = 0 (the first point)
    expect(fit.r2).toBeCloseTo(0.6, 10);
  });

  it('direction up / down / flat and no revenue', () => {
    const up = revenueTrend(Array.from({ length: 24 }, (_, x) => ({ revenueCents: 10_000 + 1_000 * x })));
    expect(up).toMatchObject({ slopeCentsPerMonth: 1000, direction: 'up', confidence: 1 });
    const down = revenueTrend(Array.from({ length: 24 }, (_, x) => ({ revenueCents: 50_000 - 1_000 * x })));
    expect(down.direction).toBe('down');
    const flat = revenueTrend(Array.from({ length: 24 }, (_, x) => ({ revenueCents: 10_000 + (x % 2 ? 50 : -50) })));
    expect(flat.direction).toBe('flat');
    const none = revenueTrend(Array.from({ length: 24 }, () => ({ revenueCents: 0 })));
    expect(none).toMatchObject({ slopeCentsPerMonth: 0, direction: 'flat', confidence: 0 });
    expect(none.method).toMatch(/moindres carrés/);
  });
});

describe('churnRisk', () => {
  it('ratio of recency to the usual interval, with boundaries at 1.5 and 2.5', () => {
    expect(churnRisk(90, 90)).toMatchObject({ level: 'low', score: 0 });
    expect(churnRisk(134, 90).level).toBe('low');
    expect(churnRisk(135, 90)).toMatchObject({ level: 'medium', score: 25 });
    expect(churnRisk(224, 90).level).toBe('medium');
    expect(churnRisk(225, 90)).toMatchObject({ level: 'high', score: 75 });
    expect(churnRisk(1000, 90)).toMatchObject({ level: 'high', score: 100 });
    expect(churnRisk(10, 90).score).toBe(0);
  });

  it('falls back to one year without a usual interval; unknown without any visit', () => {
    expect(churnRisk(365, null)).toMatchObject({ level: 'low', score: 0 });
    expect(churnRisk(365, null).method).toMatch(/défaut/);
    expect(churnRisk(null, 90)).toMatchObject({ level: 'unknown', score: null });
  });
});
