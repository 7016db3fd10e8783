import type { ReactNode } from 'react';
import { ChartFigure } from '@/components/charts/chart-figure';
import { LazyBarChart } from '@/components/charts/lazy';
import { fromFirstEvent, worthAChart } from '@/components/charts/options';
import { Badge, type BadgeTone } from '@/components/ui/badge';
import { Card } from '@/components/ui/card';
import { formatDate, formatMoney, formatNumber, formatPercent, frenchText } from '@/components/ui/format';
import { CHURN_LEVEL_LABELS, kindLabel, TREND_LABELS } from '@/lib/analytics/labels';
import { loadCustomerAnalytics } from '@/lib/analytics/queries';
import { orNotFound } from '@/lib/http/page-params';
import {
  activitySentence,
  CONFIDENCE_RULE,
  kindsSentence,
  NOT_ENOUGH_HISTORY,
  predictionsSentence,
  predictionValue,
  profileSentence,
  vehiclesSentence,
} from '../analytics/plain-french';
import { RfmDetails } from '../analytics/rfm-details';

const monthLabel = (ym: string) => {
  const [y, m] = ym.split('-').map(Number);
  return new Intl.DateTimeFormat('fr-FR', { month: 'short', year: '2-digit', timeZone: 'UTC' }).format(
    new Date(Date.UTC(y, m - 1, 1)),
  );
};

const CHURN_TONE: Record<string, BadgeTone> = { low: 'success', medium: 'warning', high: 'danger', unknown: 'neutral' };

function Method({ children }: { children: ReactNode }) {
  return (
    <details className="text-xs text-slate-600">
      <summary className="flex min-h-11 cursor-pointer items-center text-blue-800 underline-offset-2 hover:underline">
        Méthode
      </summary>
      <p>{children}</p>
    </details>
  );
}

function Prediction({
  title,
  value,
  confidence,
  method,
  badge,
}: {
  title: string;
  value: string;
  confidence: number | null;
  method: string;
  badge?: ReactNode;
}) {
  const shown = value !== NOT_ENOUGH_HISTORY;
  return (
    <div className="space-y-1 rounded-lg border border-slate-200 p-3">
      <h3 className="text-sm font-semibold text-slate-900">{title}</h3>
      <p className={shown ? 'flex flex-wrap items-center gap-2 text-lg font-semibold' : 'text-sm text-slate-700'}>
        {value} {shown && badge}
      </p>
      <Method>
        {frenchText(method)}
        {confidence != null && ` Confiance\u202f: ${formatPercent(confidence, 0)}.`}
      </Method>
    </div>
  );
}

/** Under three points or categories, a list says it better than a chart. */
function PlainList({ label, rows }: { label: string; rows: [string, string][] }) {
  return (
    <ul aria-label={label} className="divide-y divide-slate-100 text-sm">
      {rows.map(([name, value]) => (
        <li key={name} className="flex justify-between gap-4 py-1.5">
          <span>{name}</span>
          <span className="tabular-nums">{value}</span>
        </li>
      ))}
    </ul>
  );
}

const visitsText = (n: number) => `${formatNumber(n, 0)} visite${n > 1 ? 's' : ''}`;

export async function AnalyticsTab({ customerId }: { customerId: string }) {
  const a = await orNotFound(loadCustomerAnalytics(customerId));
  const { predictions: p, rfm } = a;
  // From the customer's first visit or invoice of the window, not 23 empty months.
  const monthly = fromFirstEvent(a.monthly, (m) => m.visits > 0 || m.revenueCents > 0);
  const months = monthly.map((m) => monthLabel(m.month));
  const kinds = a.kinds.map((k) => ({ label: kindLabel(k.kind), count: k.count }));

  return (
    <div className="space-y-6">
      <Card title="Profil du client">
        <p className="text-base text-slate-900">{profileSentence(rfm)}</p>
        {rfm.pending && (
          <p className="mt-1 text-sm text-slate-600">
            Créé ou réactivé depuis le dernier calcul&#8239;: le profil apparaîtra au prochain (au plus toutes les 5
            minutes).
          </p>
        )}
        <RfmDetails a={a} />
      </Card>

      <Card title="Prévisions">
        <p className="text-base text-slate-900">
          {predictionsSentence({
            nextVisitAt: p.nextVisit.nextVisitAt,
            nextVisitConfidence: p.nextVisit.confidence,
            nextVisitOverdue: p.nextVisitOverdue,
            trend: p.revenueTrend.direction,
            trendConfidence: p.revenueTrend.confidence,
            churnLevel: p.churnRisk.level,
          })}
        </p>
        <p className="mt-1 text-xs text-slate-600">{CONFIDENCE_RULE}</p>
        <div className="mt-3 grid gap-3 md:grid-cols-3">
          <Prediction
            title="Prochaine visite attendue"
            value={
              p.nextVisit.nextVisitAt
                ? predictionValue(p.nextVisit.confidence, () => formatDate(p.nextVisit.nextVisitAt, 'long'))
                : NOT_ENOUGH_HISTORY
            }
            confidence={p.nextVisit.nextVisitAt ? p.nextVisit.confidence : null}
            method={p.nextVisit.method}
            badge={p.nextVisitOverdue ? <Badge tone="warning">En retard</Badge> : null}
          />
          <Prediction
            title="Tendance du chiffre d’affaires"
            value={predictionValue(
              p.revenueTrend.confidence,
              () =>
                `${TREND_LABELS[p.revenueTrend.direction]} (${p.revenueTrend.slopeCentsPerMonth >= 0 ? '+' : ''}${formatMoney(p.revenueTrend.slopeCentsPerMonth, { decimals: 0 })} par mois)`,
            )}
            confidence={p.revenueTrend.confidence}
            method={p.revenueTrend.method}
          />
          <Prediction
            title="Risque de départ"
            value={p.churnRisk.score == null ? NOT_ENOUGH_HISTORY : `${p.churnRisk.score} sur 100`}
            confidence={null}
            method={p.churnRisk.method}
            badge={<Badge tone={CHURN_TONE[p.churnRisk.level]}>{CHURN_LEVEL_LABELS[p.churnRisk.level]}</Badge>}
          />
        </div>
      </Card>

      <Card title="Activité sur 24 mois">
        <p className="text-base text-slate-900">{activitySentence(monthly)}</p>
        {worthAChart(monthly) ? (
          <div className="mt-4 grid gap-6 lg:grid-cols-2">
            <ChartFigure
              title="Chiffre d’affaires HT par mois"
              chart={
                <LazyBarChart
                  ariaLabel="Chiffre d’affaires HT par mois"
                  labels={months}
                  series={[
                    { label: 'CA HT', data: monthly.map((m) => m.revenueCents), color: '#1d4ed8', format: 'money' },
                  ]}
                />
              }
              table={{
                caption: 'Chiffre d’affaires HT par mois',
                headers: ['Mois', 'CA HT'],
                rows: monthly.map((m, i) => [months[i], formatMoney(m.revenueCents)]),
              }}
            />
            <ChartFigure
              title="Visites par mois"
              chart={
                <LazyBarChart
                  ariaLabel="Visites par mois"
                  labels={months}
                  series={[{ label: 'Visites', data: monthly.map((m) => m.visits), color: '#b45309' }]}
                />
              }
              table={{
                caption: 'Visites par mois',
                headers: ['Mois', 'Visites'],
                rows: monthly.map((m, i) => [months[i], m.visits]),
              }}
            />
          </div>
        ) : (
          monthly.length > 0 && (
            <div className="mt-3">
              <PlainList
                label="Activité par mois"
                rows={monthly.map((m, i) => [months[i], `${visitsText(m.visits)} · ${formatMoney(m.revenueCents)} HT`])}
              />
            </div>
          )
        )}
      </Card>

      <div className="grid gap-6 lg:grid-cols-2">
        <Card title="Types d’intervention">
          <p className="text-base text-slate-900">{kindsSentence(kinds)}</p>
          {worthAChart(kinds) ? (
            <div className="mt-3">
              <ChartFigure
                title="Interventions terminées par type"
                chart={
                  <LazyBarChart
                    horizontal
                    ariaLabel="Interventions par type"
                    height={Math.max(160, kinds.length * 36)}
                    labels={kinds.map((k) => k.label)}
                    series={[{ label: 'Interventions', data: kinds.map((k) => k.count), color: '#0f766e' }]}
                  />
                }
                table={{
                  caption: 'Interventions par type',
                  headers: ['Type', 'Nombre'],
                  rows: kinds.map((k) => [k.label, k.count]),
                }}
              />
            </div>
          ) : (
            kinds.length > 1 && (
              <div className="mt-3">
                <PlainList
                  label="Interventions par type"
                  rows={kinds.map((k) => [k.label, formatNumber(k.count, 0)])}
                />
              </div>
            )
          )}
        </Card>
        <Card title="Véhicules entretenus">
          <p className="text-base text-slate-900">{vehiclesSentence(a.vehicles)}</p>
          {worthAChart(a.vehicles) ? (
            <div className="mt-3">
              <ChartFigure
                title="Visites par véhicule"
                chart={
                  <LazyBarChart
                    horizontal
                    ariaLabel="Visites par véhicule"
                    height={Math.max(160, a.vehicles.length * 36)}
                    labels={a.vehicles.map((v) => v.label)}
                    series={[{ label: 'Visites', data: a.vehicles.map((v) => v.visits), color: '#7c3aed' }]}
                  />
                }
                table={{
                  caption: 'Visites par véhicule',
                  headers: ['Véhicule', 'Visites'],
                  rows: a.vehicles.map((v) => [v.label, v.visits]),
                }}
              />
            </div>
          ) : (
            a.vehicles.length > 0 && (
              <div className="mt-3">
                <PlainList label="Visites par véhicule" rows={a.vehicles.map((v) => [v.label, visitsText(v.visits)])} />
              </div>
            )
          )}
        </Card>
      </div>
    </div>
  );
}
