/** Client-safe labels (no zod): the timeline renders them in the browser. */
export const EMAIL_STATUS_LABELS: Record<'queued' | 'sent' | 'failed' | 'blocked', string> = {
  queued: 'En file',
  sent: 'Envoyé',
  failed: 'Échec',
  blocked: 'Bloqué',
};
