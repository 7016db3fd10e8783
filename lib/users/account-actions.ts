'use server';

import { headers } from 'next/headers';
import { getDb } from '@/db';
import { type ActionState, formDataToObject, runAction } from '@/lib/actions';
import { signIn, unstable_update } from '@/lib/auth/config';
import { defineAction } from '@/lib/define-action';
import { inspectLink } from '@/lib/auth/links';
import { sessionVersionProof } from '@/lib/auth/session-version';
import { AppError, zodFieldErrors } from '@/lib/errors';
import { clientIp } from '@/lib/http/client-ip';
import {
  changeOwnPassword,
  completeLink,
  FORGOT_PASSWORD_ANSWER,
  renameSelf,
  revokeOtherSessions,
  scheduleResetRequest,
} from './account';
import { changePasswordSchema, forgotPasswordSchema, setPasswordSchema, userNameSchema } from './schema';

/** This browser's session moves to the new version; every other session of the account is refused from now on. */
async function keepThisSession(uid: string, version: number): Promise<void> {
  await unstable_update({ sv: version, proof: sessionVersionProof(uid, version) } as never);
}

// Every role has customer.read: these are "any signed-in person" actions on their own account.
export const renameSelfAction = defineAction({
  permission: 'customer.read',
  form: { keys: ['name'] },
  schema: userNameSchema,
  run: async ({ actor, input, db }) => renameSelf(db, actor, input.name),
  message: 'Nom enregistré.',
});

export const changePasswordAction = defineAction({
  permission: 'customer.read',
  form: { keys: ['current', 'password', 'confirm'] },
  schema: changePasswordSchema,
  run: async ({ actor, input, db }) => {
    await keepThisSession(actor.id!, await changeOwnPassword(db, actor, input));
  },
  message: 'Mot de passe changé. Vos autres sessions sont déconnectées.',
});

export const revokeOtherSessionsAction = defineAction({
  permission: 'customer.read',
  run: async ({ actor, db }) => {
    await keepThisSession(actor.id!, await revokeOtherSessions(db, actor));
  },
  message: 'Vos autres sessions sont déconnectées.',
});

/**
 * "Mot de passe oublié" (anonymous): the same answer, at once, whether the e-mail exists or not; the
 * lookup, the link and the e-mail happen after the answer (requestPasswordReset).
 */
export async function forgotPasswordAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  return runAction(async () => {
    const parsed = forgotPasswordSchema.safeParse({ email: formDataToObject(formData).email });
    if (!parsed.success) throw AppError.validation(zodFieldErrors(parsed.error));
    const ip = clientIp(await headers());
    scheduleResetRequest(getDb(), parsed.data.email, ip);
    return { ok: true, message: FORGOT_PASSWORD_ANSWER };
  });
}

/** The set-password page asks who the link is for before showing the form (null: the link no longer works). */
export async function inspectLinkAction(
  token: string,
): Promise<{ name: string; email: string; purpose: string } | null> {
  if (typeof token !== 'string') return null;
  const link = await inspectLink(getDb(), token);
  return link ? { name: link.name, email: link.email, purpose: link.purpose } : null;
}

/** Invitation or reset link → new password → signed in (through the ordinary sign-in, with its limits). */
export async function setPasswordAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  return runAction(async () => {
    const parsed = setPasswordSchema.safeParse({
      token: formData.get('token') ?? undefined,
      password: formData.get('password') ?? undefined,
      confirm: formData.get('confirm') ?? undefined,
    });
    if (!parsed.success) {
      const fields = zodFieldErrors(parsed.error);
      if (fields.token) throw AppError.badRequest('Ce lien est incomplet : ouvrez-le à nouveau depuis l’e-mail.');
      throw AppError.validation(fields);
    }
    const ip = clientIp(await headers());
    const done = await completeLink(getDb(), parsed.data, ip);
    // On success signIn throws Next's redirect signal, which runAction lets through.
    await signIn('credentials', { email: done.email, password: parsed.data.password, redirectTo: '/' });
    return { ok: true, message: 'Mot de passe enregistré.' };
  });
}
