import { getDb } from '@/db';
import { withAuth } from '@/lib/auth/with-auth';
import { noContent } from '@/lib/http/responses';
import { removeCustomerTagRoute } from '@/lib/openapi/routes/tags';
import { removeTagFromCustomer } from '@/lib/tags/mutations';

export const DELETE = withAuth(removeCustomerTagRoute, async ({ actor, params }) => {
  await removeTagFromCustomer(getDb(), actor, params.id, params.tagId);
  return noContent();
});
