import { getDb } from '@/db';
import { withAuth } from '@/lib/auth/with-auth';
import { eraseCustomerWithFiles, updateCustomer } from '@/lib/customers/mutations';
import { getCustomerOrThrow } from '@/lib/customers/queries';
import { json, noContent } from '@/lib/http/responses';
import { eraseCustomerRoute, getCustomerRoute, updateCustomerRoute } from '@/lib/openapi/routes/customers';

export const GET = withAuth(getCustomerRoute, async ({ params }) => json(await getCustomerOrThrow(getDb(), params.id)));

export const PATCH = withAuth(updateCustomerRoute, async ({ actor, params, body }) => {
  await updateCustomer(getDb(), actor, params.id, body);
  return json(await getCustomerOrThrow(getDb(), params.id));
});

/** GDPR erasure: personal data removed in one transaction, invoices/payments kept, files removed after commit. */
export const DELETE = withAuth(eraseCustomerRoute, async ({ actor, params }) => {
  await eraseCustomerWithFiles(getDb(), actor, params.id);
  return noContent();
});
