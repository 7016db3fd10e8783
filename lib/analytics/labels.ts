/** French labels for intervention kinds (db/schema/finances INTERVENTION_KINDS); unknown kinds show as-is. */
export const INTERVENTION_KIND_LABELS: Record<string, string> = {
  maintenance: 'Entretien',
  repair: 'Réparation',
  tyres: 'Pneumatiques',
  diagnostic: 'Diagnostic',
  bodywork: 'Carrosserie',
  inspection: 'Contrôle',
  glass: 'Vitrage',
  'air-conditioning': 'Climatisation',
};

export const kindLabel = (kind: string) => INTERVENTION_KIND_LABELS[kind] ?? kind;

export const CHURN_LEVEL_LABELS = { low: 'Faible', medium: 'Moyen', high: 'Élevé', unknown: 'Non évaluable' } as const;
export const TREND_LABELS = { up: 'En hausse', down: 'En baisse', flat: 'Stable' } as const;
