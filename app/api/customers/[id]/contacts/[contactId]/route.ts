import { getDb } from '@/db';
import { withAuth } from '@/lib/auth/with-auth';
import { deleteContact, updateContact } from '@/lib/contacts/mutations';
import { getContactOrThrow } from '@/lib/contacts/queries';
import { contactUpdateSchema } from '@/lib/contacts/schema';
import { parseId, parseJson } from '@/lib/http/parse';
import { json, noContent } from '@/lib/http/responses';

type P = { id: string; contactId: string };

export const GET = withAuth<P>(
  async (_req, { params }) =>
    json(await getContactOrThrow(getDb(), parseId(params.id, 'Client'), parseId(params.contactId, 'Contact'))),
  { permission: 'customer.read' },
);

export const PATCH = withAuth<P>(
  async (req, { actor, params }) => {
    const id = parseId(params.id, 'Client');
    const contactId = parseId(params.contactId, 'Contact');
    const input = await parseJson(req, contactUpdateSchema);
    return json(await updateContact(getDb(), actor, id, contactId, input));
  },
  { permission: 'customer.field-update' },
);

export const DELETE = withAuth<P>(
  async (_req, { actor, params }) => {
    await deleteContact(getDb(), actor, parseId(params.id, 'Client'), parseId(params.contactId, 'Contact'));
    return noContent();
  },
  { permission: 'customer.field-update' },
);
