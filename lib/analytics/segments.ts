import { sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '@/db';
import { customers } from '@/db/schema';
import { getRfmBase, rfmBaseQuery } from './rfm';
import { SEGMENT_RULES, type Segment } from './segments-rules';

export { isSegment, SEGMENT_LABELS, SEGMENT_RULES, SEGMENTS, type Segment, segmentOf } from './segments-rules';

export interface SegmentCount {
  segment: Segment;
  label: string;
  count: number;
}

/** GET /api/analytics/segments: every segment (zero counts included), in rule order. */
export async function getSegmentCounts(db: DbOrTx): Promise<SegmentCount[]> {
  const base = await getRfmBase(db);
  return SEGMENT_RULES.map((rule) => ({ segment: rule.segment, label: rule.label, count: base.segmentCounts[rule.segment] }));
}

/**
 * Condition for the customer list (`extraWhere`): customers currently in `segment`, computed live
 * by the same SQL as the scores (always exact, costs one base-wide RFM pass per query).
 */
export function segmentFilter(segment: Segment): SQL {
  return sql`${customers.id} in (select s.customer_id::uuid from (${rfmBaseQuery()}) s where s.segment = ${segment})`;
}

/**
 * Same condition from the cached RFM snapshot (at most RFM_CACHE_TTL_MS old): an id list bound as
 * ONE text parameter (never one parameter per id), cheap for list pages at 100k customers.
 */
export async function segmentFilterCached(db: DbOrTx, segment: Segment): Promise<SQL> {
  const base = await getRfmBase(db);
  const ids: string[] = [];
  for (const [id, score] of base.scores) if (score.segment === segment) ids.push(id);
  if (!ids.length) return sql`false`;
  return sql`${customers.id} = any(string_to_array(${ids.join(',')}, ',')::uuid[])`;
}
