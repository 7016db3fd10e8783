import { getDb } from '@/db';
import { withAuth } from '@/lib/auth/with-auth';
import { json } from '@/lib/http/responses';
import { updateUserRoute } from '@/lib/openapi/routes/users';
import { updateUser } from '@/lib/users/mutations';
import { publicUser } from '@/lib/users/queries';

/** `{ name?, role?, active? }` → the account as it is now. */
export const PATCH = withAuth(updateUserRoute, async ({ actor, params, body }) =>
  json(publicUser(await updateUser(getDb(), actor, params.userId, body))),
);
