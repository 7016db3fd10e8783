'use server';

import { revalidatePath } from 'next/cache';
import { getDb } from '@/db';
import { type ActionState, formDataToObject, runAction } from '@/lib/actions';
import { requireActionActor } from '@/lib/auth/session';
import { AppError, zodFieldErrors } from '@/lib/errors';
import { parseId } from '@/lib/http/parse';
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

/** Admin → Utilisateurs → Inviter: name, e-mail, role; the link goes out by e-mail (or is shown here). */
export async function inviteUserAction(_prev: ActionState, formData: FormData): Promise<ActionState<LinkActionData>> {
  return runAction(async () => {
    const actor = await requireActionActor('admin');
    const raw = formDataToObject(formData);
    const parsed = userInviteSchema.safeParse({ email: raw.email, name: raw.name, role: raw.role });
    if (!parsed.success) throw AppError.validation(zodFieldErrors(parsed.error));
    const result = await inviteAndSend(getDb(), actor, parsed.data);
    revalidatePath(USERS_PAGE);
    const { user, ...delivery } = result;
    return {
      ok: true,
      message: deliveryMessage('Invitation', user.email, delivery),
      data: { email: user.email, ...delivery },
    };
  });
}

export async function resendInvitationAction(
  id: string,
  _prev: ActionState,
  _formData: FormData,
): Promise<ActionState<LinkActionData>> {
  return runAction(async () => {
    const actor = await requireActionActor('admin');
    const { user, ...delivery } = await resendInvitation(getDb(), actor, parseId(id, 'Utilisateur'));
    revalidatePath(USERS_PAGE);
    return {
      ok: true,
      message: deliveryMessage('Nouvelle invitation', user.email, delivery),
      data: { email: user.email, ...delivery },
    };
  });
}

export async function sendResetLinkAction(
  id: string,
  _prev: ActionState,
  _formData: FormData,
): Promise<ActionState<LinkActionData>> {
  return runAction(async () => {
    const actor = await requireActionActor('admin');
    const { user, ...delivery } = await sendResetLink(getDb(), actor, parseId(id, 'Utilisateur'));
    return {
      ok: true,
      message: deliveryMessage('Lien de réinitialisation', user.email, delivery),
      data: { email: user.email, ...delivery },
    };
  });
}

export async function revokeInvitationAction(
  id: string,
  _prev: ActionState,
  _formData: FormData,
): Promise<ActionState> {
  return runAction(async () => {
    const actor = await requireActionActor('admin');
    const user = await revokeInvitation(getDb(), actor, parseId(id, 'Utilisateur'));
    revalidatePath(USERS_PAGE);
    return { ok: true, message: `Invitation de ${user.email} annulée.` };
  });
}

export async function changeRoleAction(id: string, _prev: ActionState, formData: FormData): Promise<ActionState> {
  return runAction(async () => {
    const actor = await requireActionActor('admin');
    const parsed = userRoleSchema.safeParse({ role: formData.get('role') ?? undefined });
    if (!parsed.success) throw AppError.validation(zodFieldErrors(parsed.error));
    const user = await updateUser(getDb(), actor, parseId(id, 'Utilisateur'), { role: parsed.data.role });
    revalidatePath(USERS_PAGE);
    return { ok: true, message: `Rôle de ${user.name} enregistré.` };
  });
}

/** Deactivation signs the person out at once and stops the API tokens they created. */
export async function setUserActiveAction(
  id: string,
  active: boolean,
  _prev: ActionState,
  _formData: FormData,
): Promise<ActionState> {
  return runAction(async () => {
    const actor = await requireActionActor('admin');
    const user = await updateUser(getDb(), actor, parseId(id, 'Utilisateur'), { active });
    revalidatePath(USERS_PAGE);
    return {
      ok: true,
      message: active ? `${user.name} est réactivé.` : `${user.name} est désactivé : ses sessions sont fermées.`,
    };
  });
}
