import { userInviteSchema, userListQuerySchema, userUpdateSchema } from '@/lib/users/schema';
import { defineRoute } from '../registry';

const user = '`{id, email, name, role, status (invited|active|deactivated), lastLoginAt, createdAt}`';

export const listUsersRoute = defineRoute({
  method: 'get',
  path: '/api/users',
  tag: 'users',
  permission: 'admin',
  summary: 'Every account matching `q` (name or e-mail), `role`, `status`, by name',
  query: userListQuerySchema,
  responses: [{ status: 200, description: `\`{ data: [${user} + createdByName, invitationExpiresAt] }\`` }],
});

export const inviteUserRoute = defineRoute({
  method: 'post',
  path: '/api/users',
  tag: 'users',
  permission: 'admin',
  summary:
    'Invite someone: the account is created without a password and a one-time link (72 h) is e-mailed; without SMTP the answer carries `url` to pass on. 409 when the e-mail is taken',
  body: userInviteSchema,
  responses: [
    { status: 201, description: `\`{ user: ${user}, delivery: sent|not_configured|failed, url?, expiresAt }\`` },
  ],
});

export const updateUserRoute = defineRoute({
  method: 'patch',
  path: '/api/users/{userId}',
  tag: 'users',
  permission: 'admin',
  summary:
    'Rename, change the role, deactivate (`active: false`: sessions and the tokens they created stop at once) or reactivate. 409 for the last active admin or one’s own account',
  body: userUpdateSchema,
  responses: [{ status: 200, description: user }],
});
