import { and, asc, desc, eq } from 'drizzle-orm';
import type { DbOrTx } from '@/db';
import { creditNotes, invoices, refunds } from '@/db/schema';
import type { PaymentMethod } from '@/db/schema/finances';
import { AppError } from '@/lib/errors';

/** Credit notes and refunds of an invoice (lib/finances/corrections.ts writes them). */
export interface CreditNoteDto {
  id: string;
  customerId: string;
  invoiceId: string;
  invoiceNumber: string;
  number: string;
  issuedAt: Date;
  totalHtCents: number;
  vatCents: number;
  totalTtcCents: number;
  reason: string;
}

export interface RefundDto {
  id: string;
  customerId: string;
  invoiceId: string;
  invoiceNumber: string;
  amountCents: number;
  method: PaymentMethod;
  refundedAt: Date;
  reference: string | null;
}

/** One invoice's corrections never run long; the cap only bounds a response an API client asks for. */
export const CORRECTIONS_PER_INVOICE = 500;

export function toCreditNoteDto(row: typeof creditNotes.$inferSelect, invoiceNumber: string): CreditNoteDto {
  return {
    id: row.id,
    customerId: row.customerId,
    invoiceId: row.invoiceId,
    invoiceNumber,
    number: row.number,
    issuedAt: row.issuedAt,
    totalHtCents: row.totalHtCents,
    vatCents: row.vatCents,
    totalTtcCents: row.totalTtcCents,
    reason: row.reason,
  };
}

export function toRefundDto(row: typeof refunds.$inferSelect, invoiceNumber: string): RefundDto {
  return {
    id: row.id,
    customerId: row.customerId,
    invoiceId: row.invoiceId,
    invoiceNumber,
    amountCents: row.amountCents,
    method: row.method,
    refundedAt: row.refundedAt,
    reference: row.reference,
  };
}

/** The credit notes of one invoice (the caller has checked it is the customer's), in issue order. */
export async function listCreditNotes(db: DbOrTx, invoice: { id: string; number: string }): Promise<CreditNoteDto[]> {
  const rows = await db
    .select()
    .from(creditNotes)
    .where(eq(creditNotes.invoiceId, invoice.id))
    .orderBy(asc(creditNotes.issuedAt), asc(creditNotes.id))
    .limit(CORRECTIONS_PER_INVOICE);
  return rows.map((r) => toCreditNoteDto(r, invoice.number));
}

/** The refunds of one invoice, oldest first. */
export async function listRefunds(db: DbOrTx, invoice: { id: string; number: string }): Promise<RefundDto[]> {
  const rows = await db
    .select()
    .from(refunds)
    .where(eq(refunds.invoiceId, invoice.id))
    .orderBy(asc(refunds.refundedAt), asc(refunds.id))
    .limit(CORRECTIONS_PER_INVOICE);
  return rows.map((r) => toRefundDto(r, invoice.number));
}

/** `GET …/invoices/{invoiceId}/credit-notes|refunds`: the customer's invoice (else 404), then its list. */
export async function invoiceCorrections(
  db: DbOrTx,
  customerId: string,
  invoiceId: string,
  kind: 'creditNotes' | 'refunds',
): Promise<{ data: CreditNoteDto[] | RefundDto[] }> {
  const [invoice] = await db
    .select({ id: invoices.id, number: invoices.number })
    .from(invoices)
    .where(and(eq(invoices.id, invoiceId), eq(invoices.customerId, customerId)))
    .limit(1);
  if (!invoice) throw AppError.notFound('Facture introuvable.');
  return { data: kind === 'creditNotes' ? await listCreditNotes(db, invoice) : await listRefunds(db, invoice) };
}

/** The Finances tab's « Avoirs et remboursements »: a customer's latest of each, newest first. */
export async function latestCorrections(db: DbOrTx, customerId: string, limit = 50) {
  const [notes, paidBack] = await Promise.all([
    db
      .select({ row: creditNotes, invoiceNumber: invoices.number })
      .from(creditNotes)
      .innerJoin(invoices, eq(invoices.id, creditNotes.invoiceId))
      .where(eq(creditNotes.customerId, customerId))
      .orderBy(desc(creditNotes.issuedAt), desc(creditNotes.id))
      .limit(limit),
    db
      .select({ row: refunds, invoiceNumber: invoices.number })
      .from(refunds)
      .innerJoin(invoices, eq(invoices.id, refunds.invoiceId))
      .where(eq(refunds.customerId, customerId))
      .orderBy(desc(refunds.refundedAt), desc(refunds.id))
      .limit(limit),
  ]);
  return {
    creditNotes: notes.map((n) => toCreditNoteDto(n.row, n.invoiceNumber)),
    refunds: paidBack.map((r) => toRefundDto(r.row, r.invoiceNumber)),
  };
}
