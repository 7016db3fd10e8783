import { getDb } from '@/db';
import { withAuth } from '@/lib/auth/with-auth';
import { assertCustomer, getBalanceHistory, getFinanceOverview } from '@/lib/finances/queries';
import { parseId } from '@/lib/http/parse';
import { json } from '@/lib/http/responses';

export const GET = withAuth<{ id: string }>(
  async (_req, { params }) => {
    const id = parseId(params.id, 'Client');
    const db = getDb();
    // The existence check runs alongside the reads (an unknown id yields empty figures, then a 404).
    const [, { summary, risk }, balanceHistory] = await Promise.all([
      assertCustomer(db, id),
      getFinanceOverview(db, id),
      getBalanceHistory(db, id),
    ]);
    return json({ summary, risk, balanceHistory });
  },
  { permission: 'finance.read' },
);
