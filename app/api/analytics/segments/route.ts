import { getDb } from '@/db';
import { getSegmentCounts } from '@/lib/analytics/segments';
import { withAuth } from '@/lib/auth/with-auth';
import { json } from '@/lib/http/responses';

/** Counts per RFM segment over the active base (for the `/customers?segment=` filter). */
export const GET = withAuth(
  async () => {
    const data = await getSegmentCounts(getDb());
    return json({ data, total: data.reduce((s, d) => s + d.count, 0) });
  },
  { permission: 'analytics.read' },
);
