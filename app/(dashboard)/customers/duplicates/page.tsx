import type { Metadata } from 'next';
import Link from 'next/link';
import { redirect } from 'next/navigation';
import { PairDecision } from '@/components/duplicates/pair-decision';
import { formatDateTime } from '@/components/ui/format';
import { formatPhone } from '@/components/ui/format/phone';
import { canReviewDuplicates } from '@/lib/auth/permissions';
import { requirePageActor } from '@/lib/auth/session';
import { loadDismissedPairs, loadDuplicatePairs, MAX_PAIRS, PAIR_REASON_LABELS } from '@/lib/duplicates/pairs';

export const metadata: Metadata = { title: 'Doublons possibles' };

export default async function DuplicatesPage() {
  const actor = await requirePageActor('customer.update');
  if (!canReviewDuplicates(actor.role)) redirect('/forbidden');
  const [pairs, dismissed] = await Promise.all([loadDuplicatePairs(), loadDismissedPairs()]);
  return (
    <div className="space-y-4">
      <div className="space-y-1">
        <h1 className="text-2xl font-semibold text-slate-900">Doublons possibles</h1>
        <p className="text-sm text-slate-600">
          Paires de fiches partageant un SIRET, un e-mail ou un téléphone, ou dont les noms se ressemblent dans le même
          code postal ({MAX_PAIRS} paires au plus). Ouvrez une paire pour choisir les valeurs à garder et fusionner, ou
          écartez-la si ce sont deux personnes différentes.
        </p>
      </div>
      {pairs.length === 0 ? (
        <p className="rounded-lg border border-dashed border-slate-300 p-6 text-center text-slate-600">
          Aucun doublon détecté.
        </p>
      ) : (
        <ul className="space-y-2">
          {pairs.map((p) => (
            <li
              key={`${p.a.id}-${p.b.id}`}
              className="flex flex-col gap-2 rounded-lg border border-slate-200 bg-white p-3 sm:flex-row sm:items-center"
            >
              <div className="grid flex-1 gap-1 sm:grid-cols-2">
                {[p.a, p.b].map((s) => (
                  <div key={s.id} className="text-sm">
                    <Link
                      href={`/customers/${s.id}`}
                      className="font-medium text-blue-700 underline-offset-2 hover:underline"
                    >
                      {s.displayName}
                    </Link>{' '}
                    <span className="text-slate-500">{s.number}</span>
                    <div className="text-slate-600">
                      {[s.email, formatPhone(s.phone), [s.postalCode, s.city].filter(Boolean).join(' ')]
                        .filter(Boolean)
                        .join(' · ')}
                    </div>
                  </div>
                ))}
              </div>
              <div className="flex flex-wrap gap-1">
                {p.reasons.map((r) => (
                  <span key={r} className="rounded bg-amber-100 px-2 py-0.5 text-xs font-medium text-amber-900">
                    {PAIR_REASON_LABELS[r]}
                  </span>
                ))}
              </div>
              <div className="flex flex-wrap gap-2">
                <Link
                  href={`/customers/duplicates/${p.a.id}/${p.b.id}`}
                  className="inline-flex min-h-11 items-center justify-center rounded-md border border-slate-300 px-3 text-sm font-medium hover:bg-slate-50"
                >
                  Comparer et fusionner
                </Link>
                <PairDecision
                  kind="dismiss"
                  customerId={p.a.id}
                  otherId={p.b.id}
                  label={`Pas un doublon : ${p.a.displayName} et ${p.b.displayName}`}
                />
              </div>
            </li>
          ))}
        </ul>
      )}

      {dismissed.length > 0 && (
        <section aria-labelledby="dismissed-heading" className="space-y-2 pt-2">
          <h2 id="dismissed-heading" className="text-lg font-semibold text-slate-900">
            Paires écartées ({dismissed.length})
          </h2>
          <p className="text-sm text-slate-600">
            Déclarées « pas un doublon » : elles ne sont plus proposées. « Rétablir » les remet dans la liste.
          </p>
          <ul className="divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white">
            {dismissed.map((d) => (
              <li key={`${d.a.id}-${d.b.id}`} className="flex flex-wrap items-center gap-x-4 gap-y-1 px-3 py-2 text-sm">
                <span className="min-w-0 flex-1">
                  {[d.a, d.b].map((s, i) => (
                    <span key={s.id}>
                      {i > 0 && ' et '}
                      <Link href={`/customers/${s.id}`} className="font-medium text-blue-700">
                        {s.displayName}
                      </Link>{' '}
                      <span className="text-slate-500">{s.number}</span>
                    </span>
                  ))}
                  <span className="block text-xs text-slate-600">
                    Écartée par {d.dismissedByName} le {formatDateTime(d.dismissedAt)}
                  </span>
                </span>
                <PairDecision
                  kind="restore"
                  customerId={d.a.id}
                  otherId={d.b.id}
                  label={`Rétablir la paire ${d.a.displayName} et ${d.b.displayName}`}
                />
              </li>
            ))}
          </ul>
        </section>
      )}
    </div>
  );
}
