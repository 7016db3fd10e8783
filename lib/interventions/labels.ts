import type { InterventionKind, InterventionStatus } from '@/db/schema/enums';

// Re-exported here (no zod) for client forms that only need the list of kinds and of VAT rates.
export { INTERVENTION_KINDS, VAT_RATES_BP } from '@/db/schema/enums';

/** French labels (UI, PDF, activity titles); the codes stored and sent over the API are ASCII. */
export const INTERVENTION_KIND_LABELS: Record<InterventionKind, string> = {
  maintenance: 'Entretien',
  repair: 'Réparation',
  diagnostic: 'Diagnostic',
  inspection: 'Contrôle',
  tyres: 'Pneumatiques',
  bodywork: 'Carrosserie',
  other: 'Autre',
};

export const INTERVENTION_STATUS_LABELS: Record<InterventionStatus, string> = {
  planned: 'Planifiée',
  in_progress: 'En cours',
  done: 'Terminée',
  invoiced: 'Facturée',
  cancelled: 'Annulée',
};

/** Unknown codes (rows written before a kind was retired) show as-is. */
export const kindLabel = (kind: string): string => INTERVENTION_KIND_LABELS[kind as InterventionKind] ?? kind;
export const statusLabel = (status: string): string =>
  INTERVENTION_STATUS_LABELS[status as InterventionStatus] ?? status;

export const VAT_RATE_LABELS: Record<number, string> = {
  2000: '20 %',
  1000: '10 %',
  550: '5,5 %',
  210: '2,1 %',
  0: '0 %',
};
