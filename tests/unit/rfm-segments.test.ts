import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { SEGMENT_LABELS, SEGMENT_RULES, SEGMENTS, segmentOf } from '@/lib/analytics/segments-rules';
import { medianOf } from '@/lib/analytics/predictions';

const all: [number, number, number][] = [];
for (let r = 1; r <= 5; r++) for (let f = 1; f <= 5; f++) for (let m = 1; m <= 5; m++) all.push([r, f, m]);

describe('RFM segments', () => {
  it('every (r, f, m) in 1..5 matches at least one rule (the fallback is never needed)', () => {
    for (const [r, f, m] of all) {
      const matching = SEGMENT_RULES.filter(
        (x) => r >= x.r[0] && r <= x.r[1] && f >= x.f[0] && f <= x.f[1] && m >= x.m[0] && m <= x.m[1],
      );
      expect(matching.length, `${r}${f}${m}`).toBeGreaterThan(0);
      expect(segmentOf(r, f, m)).toBe(matching[0].segment);
    }
  });

  it('every segment is reachable and labelled in French', () => {
    const reached = new Set(all.map(([r, f, m]) => segmentOf(r, f, m)));
    expect([...reached].sort()).toEqual([...SEGMENTS].sort());
    expect(SEGMENT_LABELS['cant-lose']).toBe('À ne pas perdre');
    expect(SEGMENT_LABELS['at-risk']).toBe('À risque');
  });

  it('boundaries of the rule table', () => {
    expect(segmentOf(5, 5, 5)).toBe('champions');
    expect(segmentOf(4, 4, 4)).toBe('champions');
    expect(segmentOf(4, 4, 3)).toBe('loyal');
    expect(segmentOf(3, 4, 5)).toBe('loyal');
    expect(segmentOf(5, 1, 1)).toBe('new');
    expect(segmentOf(5, 2, 5)).toBe('new');
    expect(segmentOf(5, 3, 1)).toBe('potential');
    expect(segmentOf(4, 2, 1)).toBe('potential');
    expect(segmentOf(3, 3, 3)).toBe('potential');
    expect(segmentOf(2, 4, 4)).toBe('cant-lose');
    expect(segmentOf(1, 5, 5)).toBe('cant-lose');
    expect(segmentOf(2, 4, 3)).toBe('at-risk');
    expect(segmentOf(1, 3, 1)).toBe('at-risk');
    expect(segmentOf(2, 2, 5)).toBe('hibernating');
    expect(segmentOf(2, 1, 1)).toBe('hibernating');
    expect(segmentOf(1, 2, 5)).toBe('lost');
    expect(segmentOf(1, 1, 1)).toBe('lost');
  });

  it('the CASE of the RFM function (its latest migration) gives the same segment as the TS rule table for all 125 scores', () => {
    const dir = new URL('../../db/migrations/', import.meta.url);
    const latest = readdirSync(dir)
      .filter((f) => f.endsWith('.sql'))
      .sort()
      .map((f) => readFileSync(new URL(f, dir), 'utf8'))
      .filter((text) => text.includes('FUNCTION customer_rfm_compute()'))
      .at(-1);
    const migration = latest ?? '';
    const caseSql = migration.slice(migration.indexOf('(CASE'), migration.indexOf('END)::text AS segment'));
    const rules = [...caseSql.matchAll(/WHEN (.+?) THEN '([a-z-]+)'/g)].map(([, cond, segment]) => {
      const tests = cond.split(/ AND (?=[rfm] )/).map((part) => {
        const between = /^([rfm]) BETWEEN (\d) AND (\d)$/.exec(part.trim());
        const equal = /^([rfm]) = (\d)$/.exec(part.trim());
        if (between) return { dim: between[1], lo: Number(between[2]), hi: Number(between[3]) };
        if (equal) return { dim: equal[1], lo: Number(equal[2]), hi: Number(equal[2]) };
        throw new Error(`condition non reconnue : ${part}`);
      });
      return { segment, tests };
    });
    const fallback = /ELSE '([a-z-]+)'/.exec(caseSql)?.[1];
    expect(rules.length).toBeGreaterThanOrEqual(SEGMENT_RULES.length - 1);
    const sqlSegment = (scores: Record<string, number>) =>
      rules.find((rule) => rule.tests.every((t) => scores[t.dim] >= t.lo && scores[t.dim] <= t.hi))?.segment ??
      fallback;
    for (const [r, f, m] of all) expect(sqlSegment({ r, f, m }), `${r}${f}${m}`).toBe(segmentOf(r, f, m));
  });

  it("medianOf (the predictions' median; the base-wide medians are percentile_cont in SQL)", () => {
    expect(medianOf([3, 1, 2])).toBe(2);
    expect(medianOf([4, 1, 2, 3])).toBe(2.5);
  });
});
