/**
 * The Analytics tab and the 360 segment block in plain French: one sentence per block, and a
 * prediction only when its confidence reaches a stated threshold ("pas assez d'historique"
 * otherwise). The method (scores, quintiles, regression) stays one click away, in a <details>.
 * Pure, tested in tests/unit/analytics-sentences.test.ts.
 */
import { formatDate, formatMoney, formatNumber, formatPercent } from '@/components/ui/format';
import type { Segment } from '@/lib/analytics/segments-rules';

/** Below this confidence (0–1) a prediction is not shown as a number or a date. */
export const MIN_CONFIDENCE = 0.5;
export const NOT_ENOUGH_HISTORY = 'Pas assez d’historique';

/** The segment said of one customer, as a person would. */
export const SEGMENT_PERSON: Record<Segment, string> = {
  champions: 'Excellent client',
  loyal: 'Client fidèle',
  new: 'Client récent',
  potential: 'Client prometteur',
  'cant-lose': 'Gros client à ne pas perdre',
  'at-risk': 'Client qui s’éloigne',
  hibernating: 'Client en sommeil',
  lost: 'Client perdu',
};

const visitsText = (n: number) => `${formatNumber(n, 0)} visite${n > 1 ? 's' : ''}`;

function sinceText(days: number): string {
  if (days <= 1) return days === 0 ? 'aujourd’hui' : 'hier';
  if (days < 60) return `il y a ${days} jours`;
  const months = Math.round(days / 30.4);
  if (months < 24) return `il y a ${months} mois`;
  return `il y a ${Math.round(days / 365.25)} ans`;
}

export interface ProfileFacts {
  segment: Segment | null;
  frequency: number;
  monetaryCents: number;
  recencyDays: number | null;
  /** Not in the scored base: inactive customer. */
  inBase?: boolean;
  /** Active, not scored yet (created or reactivated since the last computation). */
  pending?: boolean;
}

/** « Client récent : 1 visite, 62 € en 24 mois, dernière il y a 12 jours. » */
export function profileSentence(f: ProfileFacts): string {
  const who = f.segment
    ? SEGMENT_PERSON[f.segment]
    : f.pending
      ? 'Client pas encore classé'
      : f.inBase === false
        ? 'Client inactif'
        : 'Client';
  const facts =
    f.frequency === 0 && f.monetaryCents === 0
      ? 'aucune visite ni facture en 24 mois'
      : `${visitsText(f.frequency)}, ${formatMoney(f.monetaryCents, { decimals: 0 })} en 24 mois`;
  const last = f.recencyDays == null || f.frequency === 0 ? '' : `, dernière ${sinceText(f.recencyDays)}`;
  return `${who}\u202f: ${facts}${last}.`;
}

/** Whether a prediction is shown as a value: a confidence at or above the threshold. */
export function confident(confidence: number | null | undefined): boolean {
  return confidence != null && Number.isFinite(confidence) && confidence >= MIN_CONFIDENCE;
}

/** The value of a prediction, or « Pas assez d'historique » under the threshold. */
export function predictionValue(confidence: number | null | undefined, value: () => string): string {
  return confident(confidence) ? value() : NOT_ENOUGH_HISTORY;
}

export const CONFIDENCE_RULE = `Une prévision n’est affichée qu’à partir de ${formatPercent(MIN_CONFIDENCE, 0)} de confiance.`;

export interface PredictionFacts {
  nextVisitAt: Date | null;
  nextVisitConfidence: number;
  nextVisitOverdue: boolean;
  trend: 'up' | 'down' | 'flat';
  trendConfidence: number;
  churnLevel: 'low' | 'medium' | 'high' | 'unknown';
}

const TREND_WORDS = { up: 'en hausse', down: 'en baisse', flat: 'stable' } as const;
const CHURN_WORDS = { low: 'faible', medium: 'moyen', high: 'élevé', unknown: null } as const;

/** « Prochaine visite attendue vers le 12 mai 2025 ; chiffre d'affaires stable ; risque de départ faible. » */
export function predictionsSentence(p: PredictionFacts): string {
  const parts: string[] = [];
  if (p.nextVisitAt && confident(p.nextVisitConfidence))
    parts.push(
      p.nextVisitOverdue
        ? `visite attendue depuis le ${formatDate(p.nextVisitAt, 'long')}, toujours pas venu`
        : `prochaine visite attendue vers le ${formatDate(p.nextVisitAt, 'long')}`,
    );
  if (confident(p.trendConfidence)) parts.push(`chiffre d’affaires ${TREND_WORDS[p.trend]}`);
  const churn = CHURN_WORDS[p.churnLevel];
  if (churn) parts.push(`risque de départ ${churn}`);
  if (!parts.length) return `${NOT_ENOUGH_HISTORY} pour prévoir la suite.`;
  const text = parts.join('\u202f; ');
  return `${text.charAt(0).toUpperCase()}${text.slice(1)}.`;
}

/** « 3 visites et 1 240 € HT depuis mars 2024. » over the months shown. */
export function activitySentence(months: { month: string; visits: number; revenueCents: number }[]): string {
  const visits = months.reduce((s, m) => s + m.visits, 0);
  const revenue = months.reduce((s, m) => s + m.revenueCents, 0);
  if (!months.length || (visits === 0 && revenue === 0)) return 'Aucune visite ni chiffre d’affaires en 24 mois.';
  const [y, m] = months[0].month.split('-').map(Number);
  const since = new Intl.DateTimeFormat('fr-FR', { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(
    new Date(Date.UTC(y, m - 1, 1)),
  );
  return `${visitsText(visits)} et ${formatMoney(revenue, { decimals: 0 })} HT depuis ${since}.`;
}

/** « 4 interventions terminées, surtout Entretien (3). » */
export function kindsSentence(kinds: { label: string; count: number }[]): string {
  const total = kinds.reduce((s, k) => s + k.count, 0);
  if (!total) return 'Aucune intervention terminée.';
  const top = [...kinds].sort((a, b) => b.count - a.count)[0];
  const head = `${formatNumber(total, 0)} intervention${total > 1 ? 's' : ''} terminée${total > 1 ? 's' : ''}`;
  return kinds.length > 1
    ? `${head}, surtout ${top.label} (${formatNumber(top.count, 0)}).`
    : `${head}\u202f: ${top.label}.`;
}

/** « 2 véhicules, 5 visites en tout. » */
export function vehiclesSentence(vehicles: { visits: number }[]): string {
  if (!vehicles.length) return 'Aucun véhicule enregistré.';
  const visits = vehicles.reduce((s, v) => s + v.visits, 0);
  return `${formatNumber(vehicles.length, 0)} véhicule${vehicles.length > 1 ? 's' : ''}, ${visitsText(visits)} en tout.`;
}
