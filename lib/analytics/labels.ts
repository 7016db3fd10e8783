/** Intervention kinds have one set of labels, in lib/interventions/labels.ts. */
export { INTERVENTION_KIND_LABELS, kindLabel } from '@/lib/interventions/labels';

export const CHURN_LEVEL_LABELS = { low: 'Faible', medium: 'Moyen', high: 'Élevé', unknown: 'Non évaluable' } as const;
export const TREND_LABELS = { up: 'En hausse', down: 'En baisse', flat: 'Stable' } as const;
