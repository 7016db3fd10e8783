/**
 * The timeline's detail lines for money entries (invoices, payments, credit notes, refunds), keyed by what
 * lib/finances/mutations.ts and lib/finances/corrections.ts write: amounts in euros, methods and statuses
 * in words, invoice numbers as links, never an id or a cents value. Only `finance.read` sees these entries.
 */
import { formatDate, frenchText } from '@/components/ui/format';
import type { ActivityDto } from '@/lib/activity/schema';
import { INVOICE_STATUS_LABELS, PAYMENT_METHOD_LABELS } from '@/lib/finances/labels';
import { type DetailLine, label, type Meta, money, num, push, str, UUID } from './detail-values';

type Entry = Pick<ActivityDto, 'type' | 'metadata' | 'relatedType' | 'relatedId'>;

export const invoiceHref = (customerId: string, invoiceId: unknown) =>
  typeof invoiceId === 'string' && UUID.test(invoiceId)
    ? `/customers/${customerId}/finances#invoice-${invoiceId}`
    : `/customers/${customerId}/finances#factures`;

const day = (v: unknown) => (str(v) ? formatDate(v as string) : null);
const text = (v: unknown) => (str(v) ? frenchText(v as string, { decimals: false }) : null);

/** After a correction: what the invoice is left at (owed back, or its status in words). */
function invoiceAfter(lines: DetailLine[], m: Meta) {
  if ((num(m.refundableCents) ?? 0) > 0) push(lines, 'À rembourser au client', money(m.refundableCents));
  else push(lines, 'État de la facture', label(INVOICE_STATUS_LABELS, m.invoiceStatus)?.toLowerCase());
}

export function invoice(m: Meta, a: Entry, customerId: string): DetailLine[] {
  const lines: DetailLine[] = [];
  push(lines, 'Facture', str(m.number), invoiceHref(customerId, a.relatedId));
  if (m.event === 'cancelled') {
    push(lines, 'Montant annulé', money(m.totalTtcCents));
    push(lines, 'Motif', text(m.reason));
    if (m.interventionReopened === true) push(lines, 'Intervention', 'à refacturer');
    return lines;
  }
  push(lines, 'Total TTC', money(m.totalTtcCents));
  push(lines, 'Échéance', day(m.dueAt));
  return lines;
}

export function payment(m: Meta, _a: Entry, customerId: string): DetailLine[] {
  const lines: DetailLine[] = [];
  push(lines, 'Montant', money(m.amountCents));
  push(lines, 'Moyen de paiement', label(PAYMENT_METHOD_LABELS, m.method));
  push(lines, 'Facture', str(m.invoiceNumber) ?? str(m.number), invoiceHref(customerId, m.invoiceId));
  push(lines, 'Reçu le', day(m.paidAt));
  push(lines, 'État de la facture', label(INVOICE_STATUS_LABELS, m.invoiceStatus)?.toLowerCase());
  return lines;
}

/** « Avoir AV-2026-000001 émis » (lib/finances/corrections.ts). */
export function creditNote(m: Meta, _a: Entry, customerId: string): DetailLine[] {
  const lines: DetailLine[] = [];
  push(lines, 'Avoir', str(m.number));
  push(lines, 'Facture', str(m.invoiceNumber), invoiceHref(customerId, m.invoiceId));
  push(lines, 'Montant TTC', money(m.totalTtcCents));
  push(lines, 'Dont TVA', money(m.vatCents));
  push(lines, 'Motif', text(m.reason));
  invoiceAfter(lines, m);
  return lines;
}

/** « Remboursement de 20,00 € » (lib/finances/corrections.ts). */
export function refund(m: Meta, _a: Entry, customerId: string): DetailLine[] {
  const lines: DetailLine[] = [];
  push(lines, 'Montant', money(m.amountCents));
  push(lines, 'Moyen', label(PAYMENT_METHOD_LABELS, m.method));
  push(lines, 'Facture', str(m.invoiceNumber), invoiceHref(customerId, m.invoiceId));
  push(lines, 'Remboursé le', day(m.refundedAt));
  push(lines, 'Référence', text(m.reference));
  invoiceAfter(lines, m);
  return lines;
}
