import 'server-only';
import type { Db } from '@/db';
import type { Actor } from '@/lib/auth/actor';
import type { IssuedLink } from '@/lib/auth/links';
import { deliverAccountMail, invitationMail, type MailOutcome, resetMail } from './mail';
import { inviteUser, issueResetLink, reissueInvitation } from './mutations';
import type { UserInviteInput } from './schema';

/**
 * What the admin is told after a link was issued. The link itself is handed back only when no e-mail
 * could carry it (no SMTP configured, or the server refused it): the admin passes it on by hand.
 */
export interface LinkDelivery {
  delivery: MailOutcome['status'];
  error?: string;
  /** Only when not sent. */
  url?: string;
  expiresAt: string;
}

async function deliver(to: string, mail: { subject: string; text: string }, link: IssuedLink): Promise<LinkDelivery> {
  const outcome = await deliverAccountMail({ to, ...mail });
  return {
    delivery: outcome.status,
    ...(outcome.status === 'failed' ? { error: outcome.error } : {}),
    ...(outcome.status === 'sent' ? {} : { url: link.url }),
    expiresAt: link.expiresAt.toISOString(),
  };
}

/** Admin → Inviter (and POST /api/users): the account, then the e-mail after the commit. */
export async function inviteAndSend(db: Db, actor: Actor, input: UserInviteInput) {
  const { user, link } = await inviteUser(db, actor, input);
  const mail = invitationMail({ name: user.name, inviter: actor.name, url: link.url, expiresAt: link.expiresAt });
  return { user, ...(await deliver(user.email, mail, link)) };
}

export async function resendInvitation(db: Db, actor: Actor, userId: string) {
  const { user, link } = await reissueInvitation(db, actor, userId);
  const mail = invitationMail({ name: user.name, inviter: actor.name, url: link.url, expiresAt: link.expiresAt });
  return { user, ...(await deliver(user.email, mail, link)) };
}

/** Admin → "Envoyer un lien de réinitialisation" (an invitation again for an account still invited). */
export async function sendResetLink(db: Db, actor: Actor, userId: string) {
  const { user, link, purpose } = await issueResetLink(db, actor, userId);
  const mail =
    purpose === 'invitation'
      ? invitationMail({ name: user.name, inviter: actor.name, url: link.url, expiresAt: link.expiresAt })
      : resetMail({ name: user.name, url: link.url, expiresAt: link.expiresAt });
  return { user, ...(await deliver(user.email, mail, link)) };
}
