import type { ActivityType } from '@/db/schema/activity';

/** Client-safe constants (no drizzle import): forms and the timeline use them. */
/** What a person may record by hand; the other types are written by the mutations themselves. */
export const MANUAL_ACTIVITY_TYPES = [
  'call',
  'visit',
  'note',
  'email',
  'other',
] as const satisfies readonly ActivityType[];
export type ManualActivityType = (typeof MANUAL_ACTIVITY_TYPES)[number];

export const ACTIVITY_TYPE_LABELS: Record<ActivityType, string> = {
  note: 'Note',
  call: 'Appel',
  email: 'E-mail',
  visit: 'Visite',
  intervention: 'Intervention',
  invoice: 'Facture',
  payment: 'Paiement',
  'credit-note': 'Avoir',
  refund: 'Remboursement',
  document: 'Document',
  consent: 'Consentement',
  status: 'Statut',
  profile: 'Fiche client',
  export: 'Export',
  merge: 'Fusion',
  task: 'Tâche',
  system: 'Système',
  other: 'Autre',
};
