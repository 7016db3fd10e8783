/** Client-safe labels (no zod): the timeline renders them in the browser. */
export const EMAIL_STATUS_LABELS: Record<'queued' | 'sent' | 'failed' | 'blocked', string> = {
  queued: 'En file d’attente',
  sent: 'Envoyé',
  failed: 'Échec',
  blocked: 'Refusé (consentement)',
};
