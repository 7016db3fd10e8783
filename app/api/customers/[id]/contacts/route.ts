import { getDb } from '@/db';
import { withAuth } from '@/lib/auth/with-auth';
import { createContact } from '@/lib/contacts/mutations';
import { listContacts } from '@/lib/contacts/queries';
import { json } from '@/lib/http/responses';
import { createContactRoute, listContactsRoute } from '@/lib/openapi/routes/contacts';

export const GET = withAuth(listContactsRoute, async ({ params }) =>
  json({ data: await listContacts(getDb(), params.id) }),
);

export const POST = withAuth(createContactRoute, async ({ actor, params, body }) =>
  json(await createContact(getDb(), actor, params.id, body), { status: 201 }),
);
