import { getDb } from '@/db';
import { withAuth } from '@/lib/auth/with-auth';
import { eraseCustomerWithFiles, updateCustomer } from '@/lib/customers/mutations';
import { getCustomerOrThrow } from '@/lib/customers/queries';
import { customerUpdateSchema } from '@/lib/customers/schema';
import { parseId, parseJson } from '@/lib/http/parse';
import { json, noContent } from '@/lib/http/responses';

type P = { id: string };

export const GET = withAuth<P>(
  async (_req, { params }) => json(await getCustomerOrThrow(getDb(), parseId(params.id, 'Client'))),
  { permission: 'customer.read' },
);

export const PATCH = withAuth<P>(
  async (req, { actor, params }) => {
    const id = parseId(params.id, 'Client');
    const input = await parseJson(req, customerUpdateSchema);
    await updateCustomer(getDb(), actor, id, input);
    return json(await getCustomerOrThrow(getDb(), id));
  },
  { permission: 'customer.update' },
);

/** GDPR erasure: personal data removed in one transaction, invoices/payments kept, files removed after commit. */
export const DELETE = withAuth<P>(
  async (_req, { actor, params }) => {
    await eraseCustomerWithFiles(getDb(), actor, parseId(params.id, 'Client'));
    return noContent();
  },
  { permission: 'customer.delete' },
);
