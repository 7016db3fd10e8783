import { Badge, type BadgeTone } from '@/components/ui/badge';
import { formatDate, formatMoney } from '@/components/ui/format';
import type { InvoiceDto } from '@/lib/finances/queries';
import { INVOICE_STATUS_LABELS } from '@/lib/finances/labels';

const STATUS_TONE: Record<InvoiceDto['status'], BadgeTone> = {
  unpaid: 'warning',
  partial: 'info',
  paid: 'success',
  cancelled: 'neutral',
};

/** The status in words, overdue, and for a cancelled invoice when and why. */
export function InvoiceStatus({ invoice }: { invoice: InvoiceDto }) {
  return (
    <span className="inline-flex flex-wrap items-center gap-1">
      <Badge tone={STATUS_TONE[invoice.status]}>{INVOICE_STATUS_LABELS[invoice.status]}</Badge>
      {invoice.overdue && <Badge tone="danger">En retard</Badge>}
      {invoice.creditedCents > 0 && <Badge tone="info">Avoir</Badge>}
      {invoice.status === 'cancelled' && (invoice.cancelledAt || invoice.cancelReason) && (
        <span className="basis-full text-xs text-slate-600">
          {invoice.cancelledAt ? `le ${formatDate(invoice.cancelledAt)}` : ''}
          {invoice.cancelReason ? ` — ${invoice.cancelReason}` : ''}
        </span>
      )}
    </span>
  );
}

/** What remains due, with the credit notes and refunds that changed it and what is owed back. */
export function InvoiceDue({ invoice }: { invoice: InvoiceDto }) {
  return (
    <>
      {formatMoney(invoice.remainingCents)}
      {invoice.creditedCents > 0 && (
        <span className="block text-xs font-normal text-slate-600">
          avoirs {formatMoney(-invoice.creditedCents)}
          {invoice.refundedCents > 0 ? ` · remboursé ${formatMoney(invoice.refundedCents)}` : ''}
        </span>
      )}
      {invoice.refundableCents > 0 && (
        <span className="block text-xs font-semibold text-amber-800">
          à rembourser {formatMoney(invoice.refundableCents)}
        </span>
      )}
    </>
  );
}
