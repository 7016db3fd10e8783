import { getDb } from '@/db';
import { getSegmentCounts } from '@/lib/analytics/segments';
import { withAuth } from '@/lib/auth/with-auth';
import { json } from '@/lib/http/responses';
import { listSegmentsRoute } from '@/lib/openapi/routes/analytics';

/** Counts per RFM segment over the active base (for the `/customers?segment=` filter). */
export const GET = withAuth(listSegmentsRoute, async () => {
  const data = await getSegmentCounts(getDb());
  return json({ data, total: data.reduce((s, d) => s + d.count, 0) });
});
