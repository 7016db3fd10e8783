import { formatDate, formatMoney } from '@/components/ui/format';
import type { CreditNoteDto, RefundDto } from '@/lib/finances/correction-queries';
import { PAYMENT_METHOD_LABELS } from '@/lib/finances/labels';

type Row = { kind: 'credit-note'; at: Date; note: CreditNoteDto } | { kind: 'refund'; at: Date; refund: RefundDto };

/**
 * « Avoirs et remboursements »: the customer's latest credit notes and refunds, newest first, each
 * linked to its invoice's row. One list for desktop and phone (a few lines each, never a wide table).
 */
export function CorrectionsList({ creditNotes, refunds }: { creditNotes: CreditNoteDto[]; refunds: RefundDto[] }) {
  const rows: Row[] = [
    ...creditNotes.map((note): Row => ({ kind: 'credit-note', at: note.issuedAt, note })),
    ...refunds.map((refund): Row => ({ kind: 'refund', at: refund.refundedAt, refund })),
  ].sort((a, b) => b.at.getTime() - a.at.getTime());
  if (!rows.length) return <p className="p-4 text-sm text-slate-600">Aucun avoir ni remboursement.</p>;
  return (
    <ul className="divide-y divide-slate-100" aria-label="Avoirs et remboursements du client">
      {rows.map((r) => {
        const item = r.kind === 'credit-note' ? r.note : r.refund;
        return (
          <li
            key={`${r.kind}-${item.id}`}
            className="flex flex-wrap items-baseline justify-between gap-x-4 gap-y-1 px-4 py-3 text-sm"
          >
            <span>
              <span className="font-medium">
                {r.kind === 'credit-note'
                  ? `Avoir ${r.note.number}`
                  : `Remboursement · ${PAYMENT_METHOD_LABELS[r.refund.method]}`}
              </span>{' '}
              · {formatDate(r.at)} · facture{' '}
              <a href={`#invoice-${item.invoiceId}`} className="text-blue-800 underline-offset-2 hover:underline">
                {item.invoiceNumber}
              </a>
              <span className="block text-slate-600">
                {r.kind === 'credit-note'
                  ? `${r.note.reason} · dont TVA ${formatMoney(r.note.vatCents)}`
                  : (r.refund.reference ?? 'Sans référence')}
              </span>
            </span>
            <span className="font-semibold tabular-nums">
              {formatMoney(r.kind === 'credit-note' ? -r.note.totalTtcCents : r.refund.amountCents)}
            </span>
          </li>
        );
      })}
    </ul>
  );
}
