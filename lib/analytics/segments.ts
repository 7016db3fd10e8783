import { eq, inArray, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '@/db';
import { customerRfm, customers } from '@/db/schema';
import { getRfmSnapshot } from './rfm';
import { SEGMENT_RULES, type Segment } from './segments-rules';

export { isSegment, SEGMENT_LABELS, SEGMENT_RULES, SEGMENTS, type Segment, segmentOf } from './segments-rules';

export interface SegmentCount {
  segment: Segment;
  label: string;
  count: number;
}

/** GET /api/analytics/segments: every segment (zero counts included), in rule order. */
export async function getSegmentCounts(db: DbOrTx): Promise<SegmentCount[]> {
  const snapshot = await getRfmSnapshot(db);
  return SEGMENT_RULES.map((rule) => ({
    segment: rule.segment,
    label: rule.label,
    count: snapshot.segmentCounts[rule.segment],
  }));
}

/**
 * Condition for the customer list (`extraWhere`): customers in `segment` as of the last refresh of
 * the materialized view (index on segment). Reading the snapshot first keeps the view refreshed
 * on schedule even when nobody opens an analytics page.
 */
export async function segmentCondition(db: DbOrTx, segment: Segment): Promise<SQL> {
  await getRfmSnapshot(db);
  return inArray(
    customers.id,
    db.select({ id: customerRfm.customerId }).from(customerRfm).where(eq(customerRfm.segment, segment)),
  );
}
