/**
 * Customer credit risk score, 0–100 (pure function, no I/O). Five factors add points; the total
 * is capped at 100. Exact formula (also in lib/finances/README-risk.md — keep both in sync):
 *
 *   1. overdue_amount   overdue = Σ remaining due on open invoices past their due date.
 *                       0 when nothing is overdue, else min(25, 10 + round(5 × overdue / averageInvoice)).
 *   2. overdue_age      age in days of the oldest overdue invoice (0 when nothing overdue):
 *                       0–30 d → 10, 31–60 d → 20, 61–90 d → 25, > 90 d → 30.
 *   3. late_share       late = settled invoices paid more than 1 day after due (the day of grace absorbs
 *                       time-of-day) + currently overdue invoices; points = round(20 × late / (settled + overdue)),
 *                       0 when there is no settled or overdue invoice.
 *   4. delay_trend      needs ≥ 4 settled invoices; lateness = max(0, days late) per settled invoice in issue order;
 *                       Δ = mean(last 3) − mean(up to 3 before them); points = Δ > 0 ? min(15, round(Δ / 2)) : 0.
 *   5. balance_vs_avg   balance (all unpaid, due or not) vs the average invoice TTC: ≤ 1× → 0, ≤ 3× → 5, > 3× → 10.
 *
 *   score = min(100, Σ points); level: score < 30 → low, 30 ≤ score < 60 → medium, score ≥ 60 → high.
 */
import { formatMoney } from '@/components/ui/format';

export interface RiskInputs {
  overdueCents: number;
  overdueCount: number;
  oldestOverdueDays: number;
  balanceCents: number;
  averageInvoiceCents: number;
  /** Days between due date and settling payment for each fully paid invoice, oldest invoice first. */
  settledDaysLate: number[];
}

export type RiskLevel = 'low' | 'medium' | 'high';
export type RiskFactorCode = 'overdue_amount' | 'overdue_age' | 'late_share' | 'delay_trend' | 'balance_vs_average';

export interface RiskFactor {
  code: RiskFactorCode;
  label: string;
  points: number;
  maxPoints: number;
  detail: string;
}

export interface RiskResult {
  score: number;
  level: RiskLevel;
  factors: RiskFactor[];
}

export const RISK_LEVEL_LABELS: Record<RiskLevel, string> = { low: 'Faible', medium: 'Moyen', high: 'Élevé' };
export const RISK_THRESHOLDS = { medium: 30, high: 60 } as const;
export const LATE_GRACE_DAYS = 1;

const mean = (xs: number[]) => (xs.length ? xs.reduce((s, x) => s + x, 0) / xs.length : 0);
const round1 = (x: number) => Math.round(x * 10) / 10;

export function riskLevel(score: number): RiskLevel {
  if (score >= RISK_THRESHOLDS.high) return 'high';
  if (score >= RISK_THRESHOLDS.medium) return 'medium';
  return 'low';
}

function overdueAmount(i: RiskInputs): RiskFactor {
  const base = { code: 'overdue_amount' as const, label: 'Montant en retard', maxPoints: 25 };
  if (i.overdueCents <= 0) return { ...base, points: 0, detail: 'Aucune facture échue impayée.' };
  const ratio = i.overdueCents / Math.max(1, i.averageInvoiceCents);
  return {
    ...base,
    points: Math.min(25, 10 + Math.round(5 * ratio)),
    detail: `${formatMoney(i.overdueCents)} échus impayés, soit ${round1(ratio)} × la facture moyenne.`,
  };
}

function overdueAge(i: RiskInputs): RiskFactor {
  const base = { code: 'overdue_age' as const, label: 'Ancienneté du retard', maxPoints: 30 };
  if (i.overdueCents <= 0) return { ...base, points: 0, detail: 'Aucun retard en cours.' };
  const d = Math.max(0, Math.floor(i.oldestOverdueDays));
  const points = d <= 30 ? 10 : d <= 60 ? 20 : d <= 90 ? 25 : 30;
  return { ...base, points, detail: `La plus ancienne facture échue a ${d} jour${d > 1 ? 's' : ''} de retard.` };
}

function lateShare(i: RiskInputs): RiskFactor {
  const base = { code: 'late_share' as const, label: 'Part des factures payées en retard', maxPoints: 20 };
  const denominator = i.settledDaysLate.length + i.overdueCount;
  if (denominator === 0) return { ...base, points: 0, detail: 'Aucune facture réglée ou échue à évaluer.' };
  const late = i.settledDaysLate.filter((d) => d > LATE_GRACE_DAYS).length + i.overdueCount;
  const share = late / denominator;
  return {
    ...base,
    points: Math.round(20 * share),
    detail: `${late} facture${late > 1 ? 's' : ''} sur ${denominator} réglée${late > 1 ? 's' : ''} en retard ou échue${late > 1 ? 's' : ''} (${Math.round(share * 100)} %).`,
  };
}

function delayTrend(i: RiskInputs): RiskFactor {
  const base = { code: 'delay_trend' as const, label: 'Tendance des délais de paiement', maxPoints: 15 };
  const lateness = i.settledDaysLate.map((d) => Math.max(0, d));
  if (lateness.length < 4)
    return { ...base, points: 0, detail: 'Moins de 4 factures réglées : tendance non calculée.' };
  const recent = lateness.slice(-3);
  const previous = lateness.slice(Math.max(0, lateness.length - 6), lateness.length - 3);
  const delta = mean(recent) - mean(previous);
  if (delta <= 0)
    return {
      ...base,
      points: 0,
      detail: `Retard moyen stable ou en baisse (${round1(mean(previous))} j → ${round1(mean(recent))} j).`,
    };
  return {
    ...base,
    points: Math.min(15, Math.round(delta / 2)),
    detail: `Retard moyen en hausse de ${round1(delta)} j (${round1(mean(previous))} j → ${round1(mean(recent))} j sur les 3 dernières factures).`,
  };
}

function balanceVsAverage(i: RiskInputs): RiskFactor {
  const base = { code: 'balance_vs_average' as const, label: 'Encours vs facture moyenne', maxPoints: 10 };
  if (i.balanceCents <= 0 || i.averageInvoiceCents <= 0) return { ...base, points: 0, detail: 'Aucun encours.' };
  const ratio = i.balanceCents / i.averageInvoiceCents;
  const points = ratio <= 1 ? 0 : ratio <= 3 ? 5 : 10;
  return {
    ...base,
    points,
    detail: `Encours de ${formatMoney(i.balanceCents)}, soit ${round1(ratio)} × la facture moyenne.`,
  };
}

export function computeRisk(inputs: RiskInputs): RiskResult {
  const factors = [
    overdueAmount(inputs),
    overdueAge(inputs),
    lateShare(inputs),
    delayTrend(inputs),
    balanceVsAverage(inputs),
  ];
  const score = Math.min(
    100,
    factors.reduce((s, f) => s + f.points, 0),
  );
  return { score, level: riskLevel(score), factors };
}
