/**
 * How the customer profile is computed (RFM scores against the base), shown inside a <details>
 * of the Analytics tab: the method is one click away, never the first thing a person reads.
 */
import { cn } from '@/components/ui/cn';
import { formatDate, formatMoney, formatNumber, quoted } from '@/components/ui/format';
import type { CustomerAnalytics } from '@/lib/analytics/queries';
import type { ScoreBucket } from '@/lib/analytics/rfm';
import { SEGMENT_RULES } from '@/lib/analytics/segments-rules';

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
      <h4 className="text-sm font-semibold text-slate-900">{title}</h4>
      <p className="flex items-baseline gap-2">
        <span className="text-2xl font-bold tabular-nums">{score ?? '—'}</span>
        <span className="text-sm text-slate-600">sur 5 · {value}</span>
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
            <span>Note {b.score}</span>
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

export function RfmDetails({ a }: { a: CustomerAnalytics }) {
  const { rfm, baseDistribution: base } = a;
  const rule = SEGMENT_RULES.find((r) => r.segment === rfm.segment);
  const maxCount = Math.max(1, ...base.segments.map((s) => s.count));
  return (
    <details className="mt-3 text-sm">
      <summary className="flex min-h-11 cursor-pointer items-center text-blue-800 underline-offset-2 hover:underline">
        Comment ce profil est calculé
      </summary>
      <div className="mt-2 space-y-4">
        <p className="text-slate-700">
          Méthode RFM (récence, fréquence, montant)&#8239;: chaque client actif reçoit une note de 1 à 5 par critère en
          le comparant aux {formatNumber(base.total, 0)} clients actifs, répartis en cinq groupes égaux (quintiles),
          calculée le {formatDate(base.computedAt)}.
          {rule && ` Segment ${quoted(rule.label)}\u202f: ${rule.description}`}
        </p>
        <div className="grid gap-6 md:grid-cols-3">
          <ScoreColumn
            title="Récence"
            score={rfm.r}
            value={rfm.recencyDays == null ? 'jamais venu' : `${rfm.recencyDays}\u202fj`}
            buckets={base.r}
            format={(v) => (v == null ? 'jamais' : `${v}\u202fj`)}
          />
          <ScoreColumn
            title="Fréquence"
            score={rfm.f}
            value={`${rfm.frequency} visite${rfm.frequency > 1 ? 's' : ''} en 24 mois`}
            buckets={base.f}
            format={(v) => `${v ?? 0}`}
          />
          <ScoreColumn
            title="Montant"
            score={rfm.m}
            value={`${formatMoney(rfm.monetaryCents, { decimals: 0 })} en 24 mois`}
            buckets={base.m}
            format={(v) => formatMoney(v ?? 0, { decimals: 0 })}
          />
        </div>
        <div>
          <h4 className="text-sm font-semibold text-slate-900">Segments de la base</h4>
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
        </div>
      </div>
    </details>
  );
}
