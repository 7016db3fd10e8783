import type { ReactNode } from 'react';
import { ChartFigure } from '@/components/charts/chart-figure';
import { LazyBarChart } from '@/components/charts/lazy';
import { Badge, type BadgeTone } from '@/components/ui/badge';
import { Card } from '@/components/ui/card';
import { cn } from '@/components/ui/cn';
import { formatDate, formatMoney, formatNumber, formatPercent } from '@/components/ui/format';
import { CHURN_LEVEL_LABELS, kindLabel, TREND_LABELS } from '@/lib/analytics/labels';
import { type CustomerAnalytics, loadCustomerAnalytics } from '@/lib/analytics/queries';
import type { ScoreBucket } from '@/lib/analytics/rfm';
import { SEGMENT_RULES } from '@/lib/analytics/segments-rules';
import { orNotFound } from '@/lib/http/page-params';

const monthLabel = (ym: string) => {
  const [y, m] = ym.split('-').map(Number);
  return new Intl.DateTimeFormat('fr-FR', { month: 'short', year: '2-digit', timeZone: 'UTC' }).format(
    new Date(Date.UTC(y, m - 1, 1)),
  );
};

function ScoreColumn({
  title,
  score,
  value,
  buckets,
  format,
}: {
  title: string;
  score: number | null;
  value: string;
  buckets: ScoreBucket[];
  format: (v: number | null) => string;
}) {
  return (
    <div className="space-y-2">
      <h3 className="text-sm font-semibold text-slate-900">{title}</h3>
      <p className="flex items-baseline gap-2">
        <span className="text-3xl font-bold tabular-nums">{score ?? '—'}</span>
        <span className="text-sm text-slate-600">/ 5 · {value}</span>
      </p>
      <ol className="space-y-1" aria-label={`Répartition de la base pour ${title.toLowerCase()}`}>
        {[...buckets].reverse().map((b) => (
          <li
            key={b.score}
            aria-current={b.score === score ? 'true' : undefined}
            className={cn(
              'flex justify-between gap-2 rounded px-2 py-1 text-xs',
              b.score === score ? 'bg-blue-700 font-semibold text-white' : 'bg-slate-100 text-slate-700',
            )}
          >
            <span>Score {b.score}</span>
            <span className="tabular-nums">
              {b.min === b.max ? format(b.min) : `${format(b.min)} – ${format(b.max)}`} · {b.count} client
              {b.count > 1 ? 's' : ''}
            </span>
          </li>
        ))}
      </ol>
    </div>
  );
}

const CHURN_TONE: Record<string, BadgeTone> = { low: 'success', medium: 'warning', high: 'danger', unknown: 'neutral' };

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
  return (
    <div className="space-y-1 rounded-lg border border-slate-200 p-3">
      <h3 className="text-sm font-semibold text-slate-900">{title}</h3>
      <p className="flex flex-wrap items-center gap-2 text-lg font-semibold">
        {value} {badge}
      </p>
      {confidence != null && <p className="text-xs text-slate-700">Confiance : {formatPercent(confidence, 0)}</p>}
      <p className="text-xs text-slate-600">{method}</p>
    </div>
  );
}

function RfmCard({ a }: { a: CustomerAnalytics }) {
  const { rfm, baseDistribution: base } = a;
  const rule = SEGMENT_RULES.find((r) => r.segment === rfm.segment);
  const maxCount = Math.max(1, ...base.segments.map((s) => s.count));
  return (
    <Card
      title="Scores RFM"
      description={`Comparés aux ${formatNumber(base.total, 0)} clients actifs (quintiles ; calculé le ${formatDate(base.computedAt)}).`}
      actions={
        rule ? (
          <Badge tone="info">{rule.label}</Badge>
        ) : (
          <Badge>{rfm.pending ? 'Pas encore noté' : 'Hors base (client inactif)'}</Badge>
        )
      }
    >
      <div className="grid gap-6 md:grid-cols-3">
        <ScoreColumn
          title="Récence"
          score={rfm.r}
          value={rfm.recencyDays == null ? 'jamais venu' : `${rfm.recencyDays} j`}
          buckets={base.r}
          format={(v) => (v == null ? 'jamais' : `${v} j`)}
        />
        <ScoreColumn
          title="Fréquence"
          score={rfm.f}
          value={`${rfm.frequency} visite${rfm.frequency > 1 ? 's' : ''} / 24 mois`}
          buckets={base.f}
          format={(v) => `${v ?? 0}`}
        />
        <ScoreColumn
          title="Montant"
          score={rfm.m}
          value={`${formatMoney(rfm.monetaryCents, { decimals: 0 })} / 24 mois`}
          buckets={base.m}
          format={(v) => formatMoney(v ?? 0, { decimals: 0 })}
        />
      </div>
      {rule && (
        <p className="mt-4 text-sm text-slate-700">
          Segment « {rule.label} » : {rule.description}
        </p>
      )}
      {rfm.pending && (
        <p className="mt-4 text-sm text-slate-700">
          Client actif créé ou réactivé depuis le dernier calcul de la base : ses scores apparaîtront au prochain calcul
          (au plus toutes les 5 minutes).
        </p>
      )}
      <h3 className="mt-4 text-sm font-semibold text-slate-900">Segments de la base</h3>
      <ul className="mt-2 space-y-1">
        {base.segments.map((s) => (
          <li key={s.segment} className="grid grid-cols-[9rem_1fr_4rem] items-center gap-2 text-xs">
            <span className={cn(s.segment === rfm.segment && 'font-semibold text-blue-800')}>
              {s.label}
              {s.segment === rfm.segment && <span className="sr-only"> (segment du client)</span>}
            </span>
            <span aria-hidden="true" className="h-2 rounded bg-slate-100">
              <span
                className={cn('block h-2 rounded', s.segment === rfm.segment ? 'bg-blue-700' : 'bg-slate-400')}
                style={{ width: `${(100 * s.count) / maxCount}%` }}
              />
            </span>
            <span className="text-right tabular-nums">{formatNumber(s.count, 0)}</span>
          </li>
        ))}
      </ul>
    </Card>
  );
}

export async function AnalyticsTab({ customerId }: { customerId: string }) {
  const a = await orNotFound(loadCustomerAnalytics(customerId));
  const { predictions: p } = a;
  const months = a.monthly.map((m) => monthLabel(m.month));
  return (
    <div className="space-y-6">
      <RfmCard a={a} />

      <Card title="Prédictions">
        <div className="grid gap-3 md:grid-cols-3">
          <Prediction
            title="Prochaine visite attendue"
            value={p.nextVisit.nextVisitAt ? formatDate(p.nextVisit.nextVisitAt, 'long') : 'Non prévisible'}
            confidence={p.nextVisit.nextVisitAt ? p.nextVisit.confidence : null}
            method={p.nextVisit.method}
            badge={p.nextVisitOverdue ? <Badge tone="warning">En retard</Badge> : null}
          />
          <Prediction
            title="Tendance du chiffre d'affaires"
            value={`${TREND_LABELS[p.revenueTrend.direction]} (${p.revenueTrend.slopeCentsPerMonth >= 0 ? '+' : ''}${formatMoney(p.revenueTrend.slopeCentsPerMonth, { decimals: 0 })} / mois)`}
            confidence={p.revenueTrend.confidence}
            method={p.revenueTrend.method}
          />
          <Prediction
            title="Risque de départ"
            value={p.churnRisk.score == null ? '—' : `${p.churnRisk.score} / 100`}
            confidence={null}
            method={p.churnRisk.method}
            badge={<Badge tone={CHURN_TONE[p.churnRisk.level]}>{CHURN_LEVEL_LABELS[p.churnRisk.level]}</Badge>}
          />
        </div>
      </Card>

      <Card title="Activité sur 24 mois">
        <ChartFigure
          title="Chiffre d'affaires HT et visites par mois"
          chart={
            <LazyBarChart
              ariaLabel="Chiffre d'affaires et visites par mois"
              labels={months}
              series={[
                { label: 'CA HT', data: a.monthly.map((m) => m.revenueCents), color: '#1d4ed8', format: 'money' },
                { label: 'Visites', data: a.monthly.map((m) => m.visits), color: '#f59e0b', format: 'number' },
              ]}
            />
          }
          table={{
            caption: "Chiffre d'affaires HT et visites par mois",
            headers: ['Mois', 'CA HT', 'Visites'],
            rows: a.monthly.map((m, i) => [months[i], formatMoney(m.revenueCents), m.visits]),
          }}
        />
      </Card>

      <div className="grid gap-6 lg:grid-cols-2">
        <Card title="Types d'intervention">
          {a.kinds.length ? (
            <ChartFigure
              title="Interventions terminées par type"
              chart={
                <LazyBarChart
                  horizontal
                  ariaLabel="Interventions par type"
                  height={Math.max(160, a.kinds.length * 36)}
                  labels={a.kinds.map((k) => kindLabel(k.kind))}
                  series={[{ label: 'Interventions', data: a.kinds.map((k) => k.count), color: '#0f766e' }]}
                />
              }
              table={{
                caption: 'Interventions par type',
                headers: ['Type', 'Nombre'],
                rows: a.kinds.map((k) => [kindLabel(k.kind), k.count]),
              }}
            />
          ) : (
            <p className="text-sm text-slate-600">Aucune intervention terminée.</p>
          )}
        </Card>
        <Card title="Véhicules entretenus">
          {a.vehicles.length ? (
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
          ) : (
            <p className="text-sm text-slate-600">Aucun véhicule enregistré.</p>
          )}
        </Card>
      </div>
    </div>
  );
}
