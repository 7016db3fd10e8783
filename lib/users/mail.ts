import { env } from '@/lib/env';
import { getMailTransport, smtpErrorMessage } from '@/lib/email/transport';

/**
 * Account e-mails (invitation, reset) go through the same transport as customer e-mails. Without SMTP
 * nothing leaves the machine: the caller then shows the link to the admin (never to an anonymous visitor).
 */
export type MailOutcome = { status: 'sent' } | { status: 'not_configured' } | { status: 'failed'; error: string };

export async function deliverAccountMail(message: { to: string; subject: string; text: string }): Promise<MailOutcome> {
  const transport = getMailTransport();
  if (transport.kind === 'outbox') return { status: 'not_configured' };
  try {
    await transport.deliver({ from: env().MAIL_FROM, ...message });
    return { status: 'sent' };
  } catch (error) {
    return { status: 'failed', error: smtpErrorMessage(error) };
  }
}

const frDateTime = new Intl.DateTimeFormat('fr-FR', {
  dateStyle: 'long',
  timeStyle: 'short',
  timeZone: 'Europe/Paris',
});

export function invitationMail(input: { name: string; inviter: string; url: string; expiresAt: Date }) {
  return {
    subject: 'Invitation à Customer 360',
    text: [
      `Bonjour ${input.name},`,
      '',
      `${input.inviter} vous invite à utiliser Customer 360.`,
      'Choisissez votre mot de passe en ouvrant ce lien (valable une seule fois) :',
      '',
      input.url,
      '',
      `Le lien expire le ${frDateTime.format(input.expiresAt)}.`,
      'Si vous ne vous attendiez pas à cette invitation, ignorez ce message.',
    ].join('\n'),
  };
}

export function resetMail(input: { name: string; url: string; expiresAt: Date }) {
  return {
    subject: 'Réinitialisation de votre mot de passe Customer 360',
    text: [
      `Bonjour ${input.name},`,
      '',
      'Une réinitialisation de votre mot de passe a été demandée. Pour choisir un nouveau mot de passe, ouvrez ce lien (valable une seule fois) :',
      '',
      input.url,
      '',
      `Le lien expire le ${frDateTime.format(input.expiresAt)}.`,
      'Si vous n’êtes pas à l’origine de cette demande, ignorez ce message : votre mot de passe reste inchangé.',
    ].join('\n'),
  };
}
