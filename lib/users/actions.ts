'use server';

import { formDataToObject } from '@/lib/actions';
import { defineAction, reply } from '@/lib/define-action';
import { inviteAndSend, type LinkDelivery, resendInvitation, sendResetLink } from './invitations';
import { revokeInvitation, updateUser } from './mutations';
import { userInviteSchema, userRoleSchema } from './schema';

export interface LinkActionData extends LinkDelivery {
  email: string;
}

const USERS_PAGE = '/admin/users';

function deliveryMessage(what: string, email: string, d: LinkDelivery): string {
  if (d.delivery === 'sent') return `${what} envoyée à ${email}.`;
  if (d.delivery === 'failed')
    return `${what} créée, mais le serveur de messagerie l’a refusée : transmettez le lien à ${email}.`;
  return `${what} créée. Aucun serveur d’e-mail n’est configuré : transmettez le lien à ${email}.`;
}

function linkReply(what: string, { user, ...delivery }: LinkDelivery & { user: { email: string } }) {
  return reply<LinkActionData>(deliveryMessage(what, user.email, delivery), { email: user.email, ...delivery });
}

/** Admin → Utilisateurs → Inviter: name, e-mail, role; the link goes out by e-mail (or is shown here). */
export const inviteUserAction = defineAction({
  permission: 'admin',
  form: (formData) => {
    const raw = formDataToObject(formData);
    return { email: raw.email, name: raw.name, role: raw.role };
  },
  schema: userInviteSchema,
  run: async ({ actor, input, db }) => linkReply('Invitation', await inviteAndSend(db, actor, input)),
  revalidate: () => [USERS_PAGE],
});

export const resendInvitationAction = defineAction({
  permission: 'admin',
  ids: ['Utilisateur'],
  run: async ({ actor, ids: [id], db }) => linkReply('Nouvelle invitation', await resendInvitation(db, actor, id)),
  revalidate: () => [USERS_PAGE],
});

export const sendResetLinkAction = defineAction({
  permission: 'admin',
  ids: ['Utilisateur'],
  run: async ({ actor, ids: [id], db }) => linkReply('Lien de réinitialisation', await sendResetLink(db, actor, id)),
});

export const revokeInvitationAction = defineAction({
  permission: 'admin',
  ids: ['Utilisateur'],
  run: async ({ actor, ids: [id], db }) => revokeInvitation(db, actor, id),
  message: (user) => `Invitation de ${user.email} annulée.`,
  revalidate: () => [USERS_PAGE],
});

export const changeRoleAction = defineAction({
  permission: 'admin',
  ids: ['Utilisateur'],
  form: { keys: ['role'] },
  schema: userRoleSchema,
  run: async ({ actor, ids: [id], input, db }) => updateUser(db, actor, id, { role: input.role }),
  message: (user) => `Rôle de ${user.name} enregistré.`,
  revalidate: () => [USERS_PAGE],
});

/** Deactivation signs the person out at once and stops the API tokens they created. */
export const deactivateUserAction = defineAction({
  permission: 'admin',
  ids: ['Utilisateur'],
  run: async ({ actor, ids: [id], db }) => updateUser(db, actor, id, { active: false }),
  message: (user) => `${user.name} est désactivé : ses sessions sont fermées.`,
  revalidate: () => [USERS_PAGE],
});

export const reactivateUserAction = defineAction({
  permission: 'admin',
  ids: ['Utilisateur'],
  run: async ({ actor, ids: [id], db }) => updateUser(db, actor, id, { active: true }),
  message: (user) => `${user.name} est réactivé.`,
  revalidate: () => [USERS_PAGE],
});
