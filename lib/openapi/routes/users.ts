import { userInviteSchema, userListQuerySchema, userUpdateSchema } from '@/lib/users/schema';
import { created, ok, routesOf } from '../registry';

const route = routesOf('users');

const user = '`{id, email, name, role, status (invited|active|deactivated), lastLoginAt, createdAt}`';

export const listUsersRoute = route.get('/api/users', {
  permission: 'admin',
  summary: 'Every account matching `q` (name or e-mail), `role`, `status`, by name',
  query: userListQuerySchema,
  responses: [ok(`\`{ data: [${user} + createdByName, invitationExpiresAt] }\``)],
});

export const inviteUserRoute = route.post('/api/users', {
  permission: 'admin',
  summary:
    'Invite someone: the account is created without a password and a one-time link (72 h) is e-mailed; without SMTP the answer carries `url` to pass on. 409 when the e-mail is taken',
  body: userInviteSchema,
  responses: [created(`\`{ user: ${user}, delivery: sent|not_configured|failed, url?, expiresAt }\``)],
});

export const updateUserRoute = route.patch('/api/users/{userId}', {
  permission: 'admin',
  summary:
    'Rename, change the role, deactivate (`active: false`: sessions and the tokens they created stop at once) or reactivate. 409 for the last active admin or one’s own account',
  body: userUpdateSchema,
  responses: [ok(user)],
});
