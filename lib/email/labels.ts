import { EMAIL_PURPOSES, type EmailPurpose } from '@/db/schema/enums';

export { EMAIL_PURPOSES, type EmailPurpose };

/** Client-safe labels (no zod): the timeline renders them in the browser. */
export const EMAIL_STATUS_LABELS: Record<'queued' | 'sent' | 'failed' | 'blocked', string> = {
  queued: 'En file',
  sent: 'Envoyé',
  failed: 'Échec',
  blocked: 'Bloqué',
};

export const EMAIL_PURPOSE_LABELS: Record<EmailPurpose, string> = {
  service: 'Notification de service (sans consentement)',
  marketing: 'Prospection commerciale (consentement requis)',
  'satisfaction-surveys': 'Enquête de satisfaction (consentement requis)',
};
