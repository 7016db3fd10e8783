import { getDb } from '@/db';
import { withAuth } from '@/lib/auth/with-auth';
import { parseId } from '@/lib/http/parse';
import { noContent } from '@/lib/http/responses';
import { removeTagFromCustomer } from '@/lib/tags/mutations';

type P = { id: string; tagId: string };

export const DELETE = withAuth<P>(
  async (_req, { actor, params }) => {
    await removeTagFromCustomer(getDb(), actor, parseId(params.id, 'Client'), parseId(params.tagId, 'Étiquette'));
    return noContent();
  },
  { permission: 'customer.update' },
);
