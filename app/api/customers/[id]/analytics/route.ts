import { getDb } from '@/db';
import { getCustomerAnalytics } from '@/lib/analytics/queries';
import { withAuth } from '@/lib/auth/with-auth';
import { json } from '@/lib/http/responses';
import { getCustomerAnalyticsRoute } from '@/lib/openapi/routes/analytics';

export const GET = withAuth(getCustomerAnalyticsRoute, async ({ params }) =>
  json(await getCustomerAnalytics(getDb(), params.id)),
);
