import { getDb } from '@/db';
import { withAuth } from '@/lib/auth/with-auth';
import { createContact } from '@/lib/contacts/mutations';
import { listContacts } from '@/lib/contacts/queries';
import { contactCreateSchema } from '@/lib/contacts/schema';
import { parseId, parseJson } from '@/lib/http/parse';
import { json } from '@/lib/http/responses';

type P = { id: string };

export const GET = withAuth<P>(
  async (_req, { params }) => json({ data: await listContacts(getDb(), parseId(params.id, 'Client')) }),
  { permission: 'customer.read' },
);

export const POST = withAuth<P>(
  async (req, { actor, params }) => {
    const id = parseId(params.id, 'Client');
    const input = await parseJson(req, contactCreateSchema);
    return json(await createContact(getDb(), actor, id, input), { status: 201 });
  },
  { permission: 'customer.field-update' },
);
