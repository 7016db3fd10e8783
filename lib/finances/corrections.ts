import 'server-only';
import { and, eq, sql } from 'drizzle-orm';
import { formatMoney } from '@/components/ui/format';
import type { Db, Tx } from '@/db';
import { creditNotes, interventions, invoices, payments, refunds } from '@/db/schema';
import { markRfmStale } from '@/lib/analytics/rfm';
import type { Actor } from '@/lib/auth/actor';
import { type ActivityEntry, withActivity } from '@/lib/audit';
import { requireCustomer } from '@/lib/customers/guard';
import { AppError } from '@/lib/errors';
import { type CreditNoteDto, type RefundDto, toCreditNoteDto, toRefundDto } from './correction-queries';
import { PAYMENT_METHOD_LABELS } from './labels';
import { checkMoneyDate, lockInvoice } from './mutations';
import { nextCreditNoteNumber } from './numbering';
import { type InvoiceDto, settledStatus, toInvoiceDto } from './queries';
import type { CreditNoteCreateInput, InvoiceCancelInput, RefundCreateInput } from './schema';

/*
 * Money corrections (French invoicing: an issued invoice is never deleted nor edited). An invoice nobody
 * paid is cancelled: it keeps its number, its row and its reason. A paid or partly paid one is corrected
 * by a credit note (« avoir »), numbered in its own gap-free series; what a credit note leaves overpaid
 * is then paid back by a refund. Each write locks the customer then the invoice, so concurrent
 * corrections of one invoice serialise and every bound is checked against committed amounts.
 */

type InvoiceRow = typeof invoices.$inferSelect;

/** round(a × b / c) in exact integer arithmetic (a × b reaches 10¹⁸: beyond a double's precision). */
function mulDivRound(a: number, b: number, c: number): number {
  const [x, y, z] = [BigInt(a), BigInt(b), BigInt(c)];
  return Number((2n * x * y + z) / (2n * z));
}

/** What the invoice now says to the person who changed it: what is still owed, or owed back. */
function invoiceState(dto: InvoiceDto): string {
  if (dto.refundableCents > 0) return `À rembourser au client : ${formatMoney(dto.refundableCents)}.`;
  if (dto.remainingCents > 0) return `Reste dû sur la facture : ${formatMoney(dto.remainingCents)}.`;
  return 'Facture soldée.';
}

/** The invoice's figures after a correction, in the activity metadata (money keys: finance.read only). */
const invoiceFacts = (dto: InvoiceDto) => ({
  invoiceId: dto.id,
  invoiceNumber: dto.number,
  remainingCents: dto.remainingCents,
  refundableCents: dto.refundableCents,
  invoiceStatus: dto.status,
});

async function correct<T>(
  db: Db,
  actor: Actor,
  customerId: string,
  invoiceId: string,
  write: (tx: Tx, invoice: InvoiceRow) => Promise<{ value: T; activity: ActivityEntry }>,
): Promise<T> {
  return withActivity(db, actor, async (tx) => {
    // Erased customer → 409, unknown → 404; then the invoice (another customer's → 404).
    await requireCustomer(tx, customerId, { forUpdate: true });
    const invoice = await lockInvoice(tx, customerId, invoiceId);
    if (invoice.status === 'cancelled') throw AppError.conflict(`La facture ${invoice.number} est annulée.`);
    return write(tx, invoice);
  });
}

/**
 * « Annuler la facture »: only while nothing was paid on it (a payment calls for a credit note). The
 * intervention it billed goes back to « Terminée », ready to be invoiced again.
 */
export async function cancelInvoice(
  db: Db,
  actor: Actor,
  customerId: string,
  invoiceId: string,
  input: InvoiceCancelInput,
): Promise<InvoiceDto> {
  const result = await correct(db, actor, customerId, invoiceId, async (tx, invoice) => {
    const [paid] = await tx
      .select({ id: payments.id })
      .from(payments)
      .where(eq(payments.invoiceId, invoice.id))
      .limit(1);
    if (paid)
      throw AppError.conflict(
        `Un paiement est enregistré sur la facture ${invoice.number} : elle ne peut plus être annulée. Émettez un avoir.`,
      );
    const now = new Date();
    const [updated] = await tx
      .update(invoices)
      .set({ status: 'cancelled', cancelledAt: now, cancelReason: input.reason, updatedAt: now })
      .where(eq(invoices.id, invoice.id))
      .returning();
    const reopened = invoice.interventionId
      ? await tx
          .update(interventions)
          .set({ status: 'done', invoiceId: null, updatedAt: now })
          .where(
            and(
              eq(interventions.id, invoice.interventionId),
              eq(interventions.invoiceId, invoice.id),
              eq(interventions.status, 'invoiced'),
            ),
          )
          .returning({ id: interventions.id })
      : [];
    return {
      value: toInvoiceDto(updated, now),
      activity: {
        customerId,
        type: 'invoice',
        title: `Facture ${invoice.number} annulée (${formatMoney(invoice.totalTtcCents)} TTC)`,
        description: `Motif : ${input.reason}${reopened.length ? ' — l’intervention facturée est à refacturer.' : ''}`,
        metadata: {
          event: 'cancelled',
          number: invoice.number,
          totalTtcCents: invoice.totalTtcCents,
          reason: input.reason,
          interventionReopened: reopened.length > 0,
        },
        relatedType: 'invoice',
        relatedId: invoice.id,
      },
    };
  });
  markRfmStale();
  return result;
}

export interface IssuedCreditNote {
  creditNote: CreditNoteDto;
  invoice: InvoiceDto;
}

/**
 * « Émettre un avoir » of a TTC amount, at most what the invoice's previous credit notes left. The VAT of
 * the credit notes so far is the invoice's VAT × (credited TTC / invoice TTC), rounded once on the
 * running total: each note's VAT is the step of that total, so a fully credited invoice is reversed to
 * the exact cent of its HT and VAT whatever the number of notes.
 */
export async function issueCreditNote(
  db: Db,
  actor: Actor,
  customerId: string,
  invoiceId: string,
  input: CreditNoteCreateInput,
): Promise<IssuedCreditNote> {
  return correct(db, actor, customerId, invoiceId, async (tx, invoice) => {
    if (invoice.status === 'unpaid')
      throw AppError.conflict(
        `Aucun paiement sur la facture ${invoice.number} : annulez-la plutôt que d’émettre un avoir.`,
      );
    const creditable = invoice.totalTtcCents - invoice.creditedCents;
    if (input.amountCents > creditable)
      throw AppError.validation(
        {
          amountCents: [
            creditable === 0
              ? 'Cette facture est déjà entièrement couverte par des avoirs.'
              : `Le montant dépasse ce qui reste à créditer sur la facture (${formatMoney(creditable)}).`,
          ],
        },
        'L’avoir dépasse le montant de la facture.',
      );
    const [{ vat: vatSoFar }] = await tx
      .select({ vat: sql<number>`coalesce(sum(${creditNotes.vatCents}), 0)::int` })
      .from(creditNotes)
      .where(eq(creditNotes.invoiceId, invoice.id));
    const credited = invoice.creditedCents + input.amountCents;
    const vatCents = mulDivRound(credited, invoice.vatCents, invoice.totalTtcCents) - Number(vatSoFar);
    const issuedAt = new Date();
    // Taken last: the series lock is held until commit, as briefly as possible.
    const number = await nextCreditNoteNumber(tx, issuedAt);
    const [note] = await tx
      .insert(creditNotes)
      .values({
        customerId,
        invoiceId: invoice.id,
        number,
        issuedAt,
        totalHtCents: input.amountCents - vatCents,
        vatCents,
        totalTtcCents: input.amountCents,
        reason: input.reason,
      })
      .returning();
    const status = settledStatus({ ...invoice, creditedCents: credited });
    const [updated] = await tx
      .update(invoices)
      .set({ creditedCents: credited, status, updatedAt: issuedAt })
      .where(eq(invoices.id, invoice.id))
      .returning();
    const invoiceDto = toInvoiceDto(updated, issuedAt);
    return {
      value: { creditNote: toCreditNoteDto(note, invoice.number), invoice: invoiceDto },
      activity: {
        customerId,
        type: 'credit-note',
        title: `Avoir ${number} émis (${formatMoney(note.totalTtcCents)} TTC) sur la facture ${invoice.number}`,
        description: `Motif : ${input.reason}. ${invoiceState(invoiceDto)}`,
        metadata: {
          number,
          totalHtCents: note.totalHtCents,
          vatCents: note.vatCents,
          totalTtcCents: note.totalTtcCents,
          reason: input.reason,
          ...invoiceFacts(invoiceDto),
        },
        relatedType: 'credit-note',
        relatedId: note.id,
      },
    };
  });
}

export interface RecordedRefund {
  refund: RefundDto;
  invoice: InvoiceDto;
}

/** « Rembourser »: money paid back, at most what the invoice's credit notes left overpaid. */
export async function recordRefund(
  db: Db,
  actor: Actor,
  customerId: string,
  invoiceId: string,
  input: RefundCreateInput,
): Promise<RecordedRefund> {
  const result = await correct(db, actor, customerId, invoiceId, async (tx, invoice) => {
    const refundable = Math.max(0, -invoice.balanceCents);
    if (input.amountCents > refundable)
      throw AppError.validation(
        {
          amountCents: [
            refundable === 0
              ? 'Rien à rembourser sur cette facture : un avoir doit d’abord dépasser ce qui reste dû.'
              : `Le montant dépasse ce qui est à rembourser (${formatMoney(refundable)}).`,
          ],
        },
        'Le remboursement dépasse ce qui est dû au client.',
      );
    checkMoneyDate(invoice, 'refundedAt', input.refundedAt, ['Le remboursement', 'Un remboursement']);
    const [refund] = await tx
      .insert(refunds)
      .values({
        customerId,
        invoiceId: invoice.id,
        amountCents: input.amountCents,
        method: input.method,
        refundedAt: input.refundedAt,
        reference: input.reference,
      })
      .returning();
    const refundedCents = invoice.refundedCents + input.amountCents;
    const [updated] = await tx
      .update(invoices)
      .set({ refundedCents, status: settledStatus({ ...invoice, refundedCents }), updatedAt: new Date() })
      .where(eq(invoices.id, invoice.id))
      .returning();
    const invoiceDto = toInvoiceDto(updated);
    return {
      value: { refund: toRefundDto(refund, invoice.number), invoice: invoiceDto },
      activity: {
        customerId,
        type: 'refund',
        title: `Remboursement de ${formatMoney(refund.amountCents)} (facture ${invoice.number})`,
        description: `${PAYMENT_METHOD_LABELS[refund.method]}. ${
          invoiceDto.refundableCents > 0 ? invoiceState(invoiceDto) : 'Plus rien à rembourser sur cette facture.'
        }`,
        metadata: {
          amountCents: refund.amountCents,
          method: refund.method,
          refundedAt: refund.refundedAt.toISOString(),
          reference: refund.reference,
          ...invoiceFacts(invoiceDto),
        },
        relatedType: 'refund',
        relatedId: refund.id,
      },
    };
  });
  markRfmStale();
  return result;
}
