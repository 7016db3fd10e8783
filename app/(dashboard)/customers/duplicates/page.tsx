import type { Metadata } from 'next';
import Link from 'next/link';
import { redirect } from 'next/navigation';
import { formatPhone } from '@/components/ui/format/phone';
import { can } from '@/lib/auth/permissions';
import { requirePageActor } from '@/lib/auth/session';
import { loadDuplicatePairs, MAX_PAIRS, PAIR_REASON_LABELS } from '@/lib/duplicates/pairs';

export const metadata: Metadata = { title: 'Doublons possibles' };

export default async function DuplicatesPage() {
  const actor = await requirePageActor('customer.update');
  if (!can(actor.role, 'customer.duplicate')) redirect('/forbidden');
  const pairs = await loadDuplicatePairs();
  return (
    <div className="space-y-4">
      <div className="space-y-1">
        <h1 className="text-2xl font-semibold text-slate-900">Doublons possibles</h1>
        <p className="text-sm text-slate-600">
          Paires de fiches partageant un SIRET, un e-mail ou un téléphone, ou dont les noms se ressemblent dans le même
          code postal ({MAX_PAIRS} paires au plus). Ouvrez une paire pour choisir les valeurs à garder et fusionner.
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
              <Link
                href={`/customers/duplicates/${p.a.id}/${p.b.id}`}
                className="inline-flex min-h-11 items-center justify-center rounded-md border border-slate-300 px-3 text-sm font-medium hover:bg-slate-50"
              >
                Comparer et fusionner
              </Link>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
