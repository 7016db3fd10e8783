import { getDb } from '@/db';
import { withAuth } from '@/lib/auth/with-auth';
import { requireReadableCustomer } from '@/lib/customers/guard';
import { getBalanceHistory, getFinanceOverview } from '@/lib/finances/queries';
import { json } from '@/lib/http/responses';
import { getFinancesRoute } from '@/lib/openapi/routes/finances';

export const GET = withAuth(getFinancesRoute, async ({ params }) => {
  const db = getDb();
  // The existence check runs alongside the reads (an unknown id yields empty figures, then a 404).
  const [, { summary, risk }, balanceHistory] = await Promise.all([
    requireReadableCustomer(db, params.id),
    getFinanceOverview(db, params.id),
    getBalanceHistory(db, params.id),
  ]);
  return json({ summary, risk, balanceHistory });
});
