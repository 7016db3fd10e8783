import 'server-only';
import { and, eq, sql } from 'drizzle-orm';
import type { Db, Tx } from '@/db';
import { interventions, invoices, payments } from '@/db/schema';
import { markRfmStale } from '@/lib/analytics/rfm';
import type { Actor } from '@/lib/auth/actor';
import { withActivity } from '@/lib/audit';
import { requireCustomer } from '@/lib/customers/guard';
import { AppError, isUniqueViolation } from '@/lib/errors';
import { type InvoiceDto, type PaymentDto, settledStatus, toInvoiceDto } from './queries';
import type { InvoiceCreateInput, PaymentCreateInput } from './schema';

const euros = (cents: number) =>
  new Intl.NumberFormat('fr-FR', { style: 'currency', currency: 'EUR' }).format(cents / 100);
const duplicateNumber = (number: string) =>
  AppError.conflict(`Le numéro de facture ${number} existe déjà.`, { number: ['Ce numéro de facture existe déjà.'] });

export async function createInvoice(
  db: Db,
  actor: Actor,
  customerId: string,
  input: InvoiceCreateInput,
): Promise<InvoiceDto> {
  try {
    const invoice = await withActivity(db, actor, async (tx) => {
      await requireCustomer(tx, customerId, { forUpdate: true });
      if (input.interventionId) {
        const [iv] = await tx
          .select({ id: interventions.id })
          .from(interventions)
          .where(and(eq(interventions.id, input.interventionId), eq(interventions.customerId, customerId)))
          .limit(1);
        if (!iv) throw AppError.notFound('Intervention introuvable pour ce client.');
      }
      // Friendly 409 in the common case; the unique index still decides under a race (caught below).
      const [existing] = await tx
        .select({ id: invoices.id })
        .from(invoices)
        .where(eq(invoices.number, input.number))
        .limit(1);
      if (existing) throw duplicateNumber(input.number);
      const [row] = await tx
        .insert(invoices)
        .values({
          customerId,
          interventionId: input.interventionId,
          number: input.number,
          issuedAt: input.issuedAt,
          dueAt: input.dueAt,
          totalHtCents: input.totalHtCents,
          vatCents: input.vatCents,
          // TTC is never trusted from the client: it is HT + VAT, also enforced by a CHECK.
          totalTtcCents: input.totalHtCents + input.vatCents,
          paidCents: 0,
          status: 'unpaid',
        })
        .returning();
      return {
        value: toInvoiceDto(row),
        activity: {
          customerId,
          type: 'invoice',
          title: `Facture ${row.number} émise (${euros(row.totalTtcCents)} TTC)`,
          description: `Échéance le ${row.dueAt.toLocaleDateString('fr-FR', { timeZone: 'Europe/Paris' })}.`,
          metadata: {
            number: row.number,
            totalHtCents: row.totalHtCents,
            vatCents: row.vatCents,
            totalTtcCents: row.totalTtcCents,
            issuedAt: row.issuedAt.toISOString(),
            dueAt: row.dueAt.toISOString(),
          },
          relatedType: 'invoice',
          relatedId: row.id,
        },
      };
    });
    markRfmStale();
    return invoice;
  } catch (error) {
    if (!(error instanceof AppError) && isUniqueViolation(error)) throw duplicateNumber(input.number);
    throw error;
  }
}

/**
 * The customer's invoice, row-locked: two concurrent writes on one invoice (payments, credit notes,
 * refunds, a cancellation) serialise here, so the second sees the first's amounts and cannot overshoot.
 * Another customer's invoice is a 404.
 */
export async function lockInvoice(tx: Tx, customerId: string, invoiceId: string) {
  const [invoice] = await tx
    .select()
    .from(invoices)
    .where(and(eq(invoices.id, invoiceId), eq(invoices.customerId, customerId)))
    .for('update')
    .limit(1);
  if (!invoice) throw AppError.notFound('Facture introuvable pour ce client.');
  return invoice;
}

/** Money moves (payments, refunds) happen between the invoice's issue day and today (a day of slack for time zones). */
export function checkMoneyDate(invoice: { issuedAt: Date }, field: string, at: Date, [the, a]: [string, string]) {
  if (at.toISOString().slice(0, 10) < invoice.issuedAt.toISOString().slice(0, 10))
    throw AppError.validation({ [field]: [`${the} ne peut pas précéder la date d'émission de la facture.`] });
  if (at.getTime() > Date.now() + 24 * 3600 * 1000)
    throw AppError.validation({ [field]: [`${a} ne peut pas être daté dans le futur.`] });
}

export interface RecordedPayment {
  payment: PaymentDto;
  invoice: InvoiceDto;
}

export async function recordPayment(
  db: Db,
  actor: Actor,
  customerId: string,
  input: PaymentCreateInput,
): Promise<RecordedPayment> {
  const result = await withActivity(db, actor, async (tx) => {
    await requireCustomer(tx, customerId, { forUpdate: true });
    const invoice = await lockInvoice(tx, customerId, input.invoiceId);
    if (invoice.status === 'cancelled')
      throw AppError.validation({ invoiceId: ['Cette facture est annulée : aucun paiement possible.'] });
    // Net of credit notes and refunds (the invoice's generated balance).
    const remaining = Math.max(0, invoice.balanceCents);
    if (input.amountCents > remaining)
      throw AppError.validation(
        {
          amountCents: [
            remaining === 0
              ? 'Cette facture est déjà entièrement payée.'
              : `Le montant dépasse le reste dû (${euros(remaining)}).`,
          ],
        },
        'Le paiement dépasse le reste dû.',
      );
    checkMoneyDate(invoice, 'paidAt', input.paidAt, ['Le paiement', 'Un paiement']);

    const [payment] = await tx
      .insert(payments)
      .values({
        customerId,
        invoiceId: invoice.id,
        amountCents: input.amountCents,
        method: input.method,
        paidAt: input.paidAt,
        reference: input.reference,
      })
      .returning();
    const status = settledStatus({ ...invoice, paidCents: invoice.paidCents + input.amountCents });
    const [updated] = await tx
      .update(invoices)
      .set({ paidCents: sql`${invoices.paidCents} + ${input.amountCents}`, status, updatedAt: new Date() })
      .where(eq(invoices.id, invoice.id))
      .returning();
    const invoiceDto = toInvoiceDto(updated);
    return {
      value: {
        payment: {
          id: payment.id,
          customerId,
          invoiceId: invoice.id,
          invoiceNumber: invoice.number,
          amountCents: payment.amountCents,
          method: payment.method,
          paidAt: payment.paidAt,
          reference: payment.reference,
        },
        invoice: invoiceDto,
      },
      activity: {
        customerId,
        type: 'payment',
        title: `Paiement de ${euros(payment.amountCents)} reçu (facture ${invoice.number})`,
        description:
          status === 'paid' ? 'Facture soldée.' : `Reste dû sur la facture : ${euros(invoiceDto.remainingCents)}.`,
        metadata: {
          invoiceId: invoice.id,
          invoiceNumber: invoice.number,
          amountCents: payment.amountCents,
          method: payment.method,
          paidAt: payment.paidAt.toISOString(),
          remainingCents: invoiceDto.remainingCents,
          invoiceStatus: status,
        },
        relatedType: 'payment',
        relatedId: payment.id,
      },
    };
  });
  markRfmStale();
  return result;
}
