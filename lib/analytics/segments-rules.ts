/**
 * RFM segments from the (r, f, m) quintile scores (1 = worst, 5 = best). Rules are tried in this
 * order; the first match wins. Every (r, f, m) combination matches exactly one rule (the last
 * four cover r ≤ 2 completely and the first four r ≥ 3), so no customer is left unsegmented.
 *
 * | order | segment      | label            | r     | f     | m     | meaning                                   |
 * |-------|--------------|------------------|-------|-------|-------|-------------------------------------------|
 * | 1     | champions    | Champions        | 4–5   | 4–5   | 4–5   | recent, frequent, high spend              |
 * | 2     | loyal        | Fidèles          | 3–5   | 4–5   | any   | frequent and still reasonably recent      |
 * | 3     | new          | Nouveaux         | 5     | 1–2   | any   | very recent but (almost) no history yet   |
 * | 4     | potential    | Potentiels       | 3–5   | 1–3   | any   | recent, frequency still to build          |
 * | 5     | cant-lose    | À ne pas perdre  | 1–2   | 4–5   | 4–5   | were frequent big spenders, now gone      |
 * | 6     | at-risk      | À risque         | 1–2   | 3–5   | any   | used to come regularly, slipping away     |
 * | 7     | hibernating  | En sommeil       | 2     | 1–2   | any   | occasional and not seen for a while       |
 * | 8     | lost         | Perdus           | 1     | 1–2   | any   | oldest recency, low frequency             |
 *
 * Shared by the SQL CASE (segment filter, counts) and the TS function (tests, UI) so they agree.
 */
export const SEGMENTS = [
  'champions',
  'loyal',
  'new',
  'potential',
  'cant-lose',
  'at-risk',
  'hibernating',
  'lost',
] as const;
export type Segment = (typeof SEGMENTS)[number];

type Range = readonly [number, number];
export interface SegmentRule {
  segment: Segment;
  label: string;
  description: string;
  r: Range;
  f: Range;
  m: Range;
}

const ANY: Range = [1, 5];

export const SEGMENT_RULES: readonly SegmentRule[] = [
  {
    segment: 'champions',
    label: 'Champions',
    description: 'Récents, fréquents et gros montants.',
    r: [4, 5],
    f: [4, 5],
    m: [4, 5],
  },
  { segment: 'loyal', label: 'Fidèles', description: 'Viennent souvent et récemment.', r: [3, 5], f: [4, 5], m: ANY },
  {
    segment: 'new',
    label: 'Nouveaux',
    description: 'Très récents, encore peu d’historique.',
    r: [5, 5],
    f: [1, 2],
    m: ANY,
  },
  {
    segment: 'potential',
    label: 'Potentiels',
    description: 'Récents, fréquence à développer.',
    r: [3, 5],
    f: [1, 3],
    m: ANY,
  },
  {
    segment: 'cant-lose',
    label: 'À ne pas perdre',
    description: 'Anciens gros clients fréquents, absents depuis longtemps.',
    r: [1, 2],
    f: [4, 5],
    m: [4, 5],
  },
  {
    segment: 'at-risk',
    label: 'À risque',
    description: 'Venaient régulièrement, s’éloignent.',
    r: [1, 2],
    f: [3, 5],
    m: ANY,
  },
  {
    segment: 'hibernating',
    label: 'En sommeil',
    description: 'Occasionnels, pas vus depuis un moment.',
    r: [2, 2],
    f: [1, 2],
    m: ANY,
  },
  { segment: 'lost', label: 'Perdus', description: 'Les plus anciens et peu fréquents.', r: [1, 1], f: [1, 2], m: ANY },
];

export const SEGMENT_LABELS: Record<Segment, string> = Object.fromEntries(
  SEGMENT_RULES.map((rule) => [rule.segment, rule.label]),
) as Record<Segment, string>;

export function isSegment(value: unknown): value is Segment {
  return typeof value === 'string' && (SEGMENTS as readonly string[]).includes(value);
}

const inRange = (x: number, [lo, hi]: Range) => x >= lo && x <= hi;

export function segmentOf(r: number, f: number, m: number): Segment {
  for (const rule of SEGMENT_RULES)
    if (inRange(r, rule.r) && inRange(f, rule.f) && inRange(m, rule.m)) return rule.segment;
  // Unreachable for scores in 1..5 (see the coverage note above); scores outside → worst segment.
  return 'lost';
}
