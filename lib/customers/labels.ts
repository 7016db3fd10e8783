import type { CustomerKind, CustomerStatus } from '@/db/schema/enums';

/** Client-safe labels (no zod): the timeline renders them in the browser. */
export const KIND_LABELS: Record<CustomerKind, string> = {
  individual: 'Particulier',
  company: 'Professionnel',
};

export const STATUS_LABELS: Record<CustomerStatus, string> = {
  active: 'Actif',
  inactive: 'Inactif',
};
