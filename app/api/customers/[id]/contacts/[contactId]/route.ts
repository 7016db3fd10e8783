import { getDb } from '@/db';
import { withAuth } from '@/lib/auth/with-auth';
import { deleteContact, updateContact } from '@/lib/contacts/mutations';
import { getContactOrThrow } from '@/lib/contacts/queries';
import { json, noContent } from '@/lib/http/responses';
import { deleteContactRoute, getContactRoute, updateContactRoute } from '@/lib/openapi/routes/contacts';

export const GET = withAuth(getContactRoute, async ({ params }) =>
  json(await getContactOrThrow(getDb(), params.id, params.contactId)),
);

export const PATCH = withAuth(updateContactRoute, async ({ actor, params, body }) =>
  json(await updateContact(getDb(), actor, params.id, params.contactId, body)),
);

export const DELETE = withAuth(deleteContactRoute, async ({ actor, params }) => {
  await deleteContact(getDb(), actor, params.id, params.contactId);
  return noContent();
});
