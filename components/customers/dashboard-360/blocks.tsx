/**
 * Blocks of the one-screen 360° summary. Each is an async server component rendered in its own
 * <Suspense>, so a slow block never holds back the others.
 */
import { Check, X } from 'lucide-react';
import Link from 'next/link';
import { activitySummary } from '@/components/activity/activity-details';
import { Badge } from '@/components/ui/badge';
import { profileSentence } from '../analytics/plain-french';
import { Card } from '@/components/ui/card';
import { formatBytes, formatDateTime, formatMoney, formatRelative, frenchText } from '@/components/ui/format';
import { Skeleton, SkeletonText } from '@/components/ui/skeleton';
import { ACTIVITY_TYPE_LABELS } from '@/lib/activity/labels';
import { loadRecentActivities } from '@/lib/activity/queries';
import { loadRfmScore } from '@/lib/analytics/queries';
import { SEGMENT_RULES } from '@/lib/analytics/segments-rules';
import type { Role } from '@/lib/auth/permissions';
import {
  CHANNEL_LABELS,
  CONSENT_CHANNELS,
  CONSENT_PURPOSES,
  type ConsentPurpose,
  PURPOSE_LABELS,
} from '@/lib/consents/config';
import { loadConsentState } from '@/lib/consents/queries';
import { loadDocumentTotals } from '@/lib/documents/queries';
import { loadFinanceOverview } from '@/lib/finances/queries';
import { kindLabel, statusLabel } from '@/lib/interventions/labels';
import { loadNextIntervention } from '@/lib/interventions/page';
import { RiskBadge } from '../risk-badge';

export function BlockSkeleton({ title }: { title: string }) {
  return (
    <div role="status" className="rounded-lg border border-slate-200 bg-white p-4">
      <span className="sr-only">Chargement : {title}</span>
      <Skeleton className="mb-3 h-5 w-40" />
      <SkeletonText lines={3} />
    </div>
  );
}

const more = (href: string, label: string) => (
  <Link
    href={href}
    className="inline-flex min-h-11 items-center text-sm text-blue-800 underline-offset-2 hover:underline"
  >
    {label}
  </Link>
);

export async function RecentActivityBlock({ customerId, role }: { customerId: string; role: Role }) {
  const rows = await loadRecentActivities({ role }, customerId);
  return (
    <Card title="Dernières activités" actions={more(`/customers/${customerId}/activity`, 'Tout voir')}>
      {rows.length ? (
        <ol className="space-y-2">
          {rows.map((a) => (
            <li key={a.id} className="text-sm">
              <Badge>{ACTIVITY_TYPE_LABELS[a.type] ?? a.type}</Badge>{' '}
              <span className="font-medium">{frenchText(a.title, { decimals: false })}</span>
              {activitySummary(a, customerId) && (
                <span className="block text-slate-700">{activitySummary(a, customerId)}</span>
              )}
              <span className="block text-xs text-slate-600">
                <time dateTime={a.occurredAt} title={formatDateTime(a.occurredAt)}>
                  {formatRelative(a.occurredAt)}
                </time>{' '}
                · {a.actor.name}
              </span>
            </li>
          ))}
        </ol>
      ) : (
        <p className="text-sm text-slate-600">Aucune activité.</p>
      )}
    </Card>
  );
}

export async function BalanceRiskBlock({ customerId }: { customerId: string }) {
  const { summary, risk } = await loadFinanceOverview(customerId);
  return (
    <Card title="Solde et risque" actions={more(`/customers/${customerId}/finances`, 'Finances')}>
      <dl className="grid grid-cols-2 gap-3 text-sm">
        <div>
          <dt className="text-slate-600">Solde dû</dt>
          <dd className="text-xl font-semibold tabular-nums">{formatMoney(summary.balanceCents)}</dd>
        </div>
        <div className={summary.overdueCents > 0 ? 'rounded bg-red-50 p-1 text-red-900' : undefined}>
          <dt className={summary.overdueCents > 0 ? 'text-red-800' : 'text-slate-600'}>En retard</dt>
          <dd className="text-xl font-semibold tabular-nums">{formatMoney(summary.overdueCents)}</dd>
        </div>
        <div className="col-span-2">
          <dt className="text-slate-600">Score de risque</dt>
          <dd className="flex items-center gap-2">
            <span className="text-xl font-semibold tabular-nums">{risk.score} / 100</span>
            <RiskBadge level={risk.level} />
          </dd>
        </div>
      </dl>
    </Card>
  );
}

export async function SegmentBlock({ customerId }: { customerId: string }) {
  const score = await loadRfmScore(customerId);
  const rule = score ? SEGMENT_RULES.find((r) => r.segment === score.segment) : undefined;
  return (
    <Card title="Profil du client" actions={more(`/customers/${customerId}/analytics`, 'Analyse')}>
      {score && rule ? (
        <div className="space-y-1 text-sm">
          <p>
            <Badge tone="info">{rule.label}</Badge>
          </p>
          <p>{profileSentence(score)}</p>
        </div>
      ) : (
        <p className="text-sm text-slate-600">
          Pas encore de profil&#8239;: client inactif, ou créé depuis le dernier calcul (toutes les 5 minutes).
        </p>
      )}
    </Card>
  );
}

export async function ConsentsBlock({ customerId }: { customerId: string }) {
  const grid = await loadConsentState(customerId);
  // Only the cells with an event (granted or withdrawn), grouped by purpose.
  const recorded = (p: ConsentPurpose) => CONSENT_CHANNELS.filter((c) => grid[p][c].state !== 'never');
  const purposes = CONSENT_PURPOSES.filter((p) => recorded(p).length > 0);
  return (
    <Card title="Consentements" actions={more(`/customers/${customerId}/consents`, 'Détail')}>
      {purposes.length ? (
        <ul className="space-y-1 text-sm">
          {purposes.map((p) => (
            <li key={p}>
              <span className="font-medium">{PURPOSE_LABELS[p]}</span>
              {'\u202f: '}
              {recorded(p).map((c, i) => (
                <span key={c} className="whitespace-nowrap">
                  {i > 0 && ' · '}
                  {CHANNEL_LABELS[c]}{' '}
                  {grid[p][c].state === 'granted' ? (
                    <Check className="inline size-3.5 text-green-700" aria-hidden="true" />
                  ) : (
                    <X className="inline size-3.5 text-red-700" aria-hidden="true" />
                  )}{' '}
                  {grid[p][c].state === 'granted' ? 'accordé' : 'retiré'}
                </span>
              ))}
            </li>
          ))}
        </ul>
      ) : (
        <p className="text-sm text-slate-600">Aucun consentement enregistré.</p>
      )}
    </Card>
  );
}

export async function DocumentsBlock({ customerId, role }: { customerId: string; role: Role }) {
  const { count: n, totalBytes } = await loadDocumentTotals(customerId, role);
  return (
    <Card title="Documents" actions={more(`/customers/${customerId}/documents`, 'Documents')}>
      {n ? (
        <>
          <p className="text-2xl font-semibold tabular-nums">{n}</p>
          <p className="text-sm text-slate-600">
            document{n > 1 ? 's' : ''} · {formatBytes(totalBytes)}
          </p>
        </>
      ) : (
        <p className="text-sm text-slate-600">Aucun document.</p>
      )}
    </Card>
  );
}

export async function NextInterventionBlock({ customerId }: { customerId: string }) {
  const next = await loadNextIntervention(customerId);
  return (
    <Card title="Prochaine intervention" actions={more(`/customers/${customerId}/interventions`, 'Interventions')}>
      {next ? (
        <p className="text-sm">
          <Link href={`/customers/${customerId}/interventions/${next.id}`} className="font-medium">
            {kindLabel(next.kind)} le {formatDateTime(next.scheduledAt)}
          </Link>
          <span className="block text-slate-600">
            {[statusLabel(next.status), next.technician?.name ?? 'Technicien à affecter', next.vehicle?.label]
              .filter(Boolean)
              .join(' · ')}
          </span>
        </p>
      ) : (
        <p className="text-sm text-slate-600">Aucune intervention planifiée.</p>
      )}
    </Card>
  );
}
