import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound, redirect } from 'next/navigation';
import { MergeForm, type MergeFieldRow } from '@/components/duplicates/merge-form';
import { PairDecision } from '@/components/duplicates/pair-decision';
import { formatPhone } from '@/components/ui/format/phone';
import { canReviewDuplicates } from '@/lib/auth/permissions';
import { requirePageActor } from '@/lib/auth/session';
import { customerDisplayName, KIND_LABELS, STATUS_LABELS } from '@/lib/customers/schema';
import { loadMergeCandidates, MERGE_FIELD_LABELS, MERGE_FIELDS } from '@/lib/duplicates/merge';
import { parseIdOrNotFound } from '@/lib/http/page-params';

export const metadata: Metadata = { title: 'Fusionner deux clients' };

type Row = NonNullable<Awaited<ReturnType<typeof loadMergeCandidates>>['survivor']>;

function display(c: Row, field: (typeof MERGE_FIELDS)[number]): string {
  if (field === 'address')
    return [c.addressLine1, c.addressLine2, [c.postalCode, c.city].filter(Boolean).join(' ')]
      .filter(Boolean)
      .join(', ');
  if (field === 'kind') return KIND_LABELS[c.kind];
  if (field === 'status') return STATUS_LABELS[c.status];
  if (field === 'phone' || field === 'mobile') return formatPhone(c[field]);
  return (c[field] as string | null) ?? '';
}

const COUNT_LABELS: Record<string, string> = {
  contacts: 'contacts',
  vehicles: 'véhicules',
  notes: 'notes',
  documents: 'documents',
  activities: 'activités',
  interventions: 'interventions',
  invoices: 'factures',
  payments: 'paiements',
  creditNotes: 'avoirs',
  refunds: 'remboursements',
  consents: 'consentements',
  emails: 'e-mails',
  legacyIds: 'id. anciens',
};

/** /customers/duplicates/{survivor}/{merged}: the first id survives; "Inverser" swaps them. */
export default async function MergePage({ params }: { params: Promise<{ a: string; b: string }> }) {
  const actor = await requirePageActor('customer.update');
  if (!canReviewDuplicates(actor.role)) redirect('/forbidden');
  const raw = await params;
  const [a, b] = [parseIdOrNotFound(raw.a, 'Client'), parseIdOrNotFound(raw.b, 'Client')];
  if (a === b) notFound();
  const { survivor, merged, survivorCounts: sCounts, mergedCounts: mCounts } = await loadMergeCandidates(a, b);
  if (!survivor || !merged || survivor.erasedAt || merged.erasedAt) notFound();
  const rows: MergeFieldRow[] = MERGE_FIELDS.map((field) => {
    const s = display(survivor, field);
    const m = display(merged, field);
    return {
      field,
      label: MERGE_FIELD_LABELS[field],
      survivor: s,
      merged: m,
      preferred: !s && m ? 'merged' : 'survivor',
    };
  });
  const summary = (counts: Record<string, number>) =>
    Object.entries(counts)
      .filter(([, n]) => n > 0)
      .map(([k, n]) => `${n} ${COUNT_LABELS[k] ?? k}`)
      .join(', ') || 'aucune donnée liée';
  return (
    <div className="space-y-4">
      <div className="space-y-1">
        <h1 className="text-2xl font-semibold text-slate-900">Fusionner deux clients</h1>
        <p className="text-sm text-slate-600">
          <strong>{customerDisplayName(survivor)}</strong> ({survivor.number}) est conservé ;{' '}
          <strong>{customerDisplayName(merged)}</strong> ({merged.number}) disparaît après avoir transmis toutes ses
          données : {summary(mCounts)}. Conservé : {summary(sCounts)}.
        </p>
        <div className="flex flex-wrap items-center gap-x-4 gap-y-2">
          <Link
            href={`/customers/duplicates/${b}/${a}`}
            className="inline-flex min-h-11 items-center text-sm font-medium text-blue-700 underline"
          >
            Inverser (conserver {merged.number})
          </Link>
          {/* Two different people after all: set the pair aside for good (reversible on the list). */}
          <PairDecision
            kind="dismiss"
            customerId={a}
            otherId={b}
            doneHref="/customers/duplicates"
            label={`Pas un doublon : ${customerDisplayName(survivor)} et ${customerDisplayName(merged)}`}
          />
        </div>
      </div>
      <MergeForm
        survivorId={a}
        mergedId={b}
        survivorLabel={`${survivor.number} (conservé)`}
        mergedLabel={`${merged.number} (fusionné)`}
        rows={rows}
      />
    </div>
  );
}
