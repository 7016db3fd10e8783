import { getDb } from '@/db';
import { getCustomerAnalytics } from '@/lib/analytics/queries';
import { withAuth } from '@/lib/auth/with-auth';
import { parseId } from '@/lib/http/parse';
import { json } from '@/lib/http/responses';

export const GET = withAuth<{ id: string }>(
  async (_req, { params }) => {
    const id = parseId(params.id, 'Client');
    return json(await getCustomerAnalytics(getDb(), id));
  },
  { permission: 'analytics.read' },
);
