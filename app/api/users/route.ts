import { getDb } from '@/db';
import { withAuth } from '@/lib/auth/with-auth';
import { json } from '@/lib/http/responses';
import { inviteUserRoute, listUsersRoute } from '@/lib/openapi/routes/users';
import { inviteAndSend } from '@/lib/users/invitations';
import { listUsers, publicUser } from '@/lib/users/queries';

/** Admin tokens and sessions: the accounts, filtered. */
export const GET = withAuth(listUsersRoute, async ({ query }) => json({ data: await listUsers(getDb(), query) }));

/** `{ email, name, role }` → 201 with the invited account and how the link went out. */
export const POST = withAuth(inviteUserRoute, async ({ actor, body }) => {
  const { user, ...delivery } = await inviteAndSend(getDb(), actor, body);
  return json({ user: publicUser(user), ...delivery }, { status: 201 });
});
