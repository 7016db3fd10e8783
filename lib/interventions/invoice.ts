import { eq } from 'drizzle-orm';
import type { Db } from '@/db';
import { interventions } from '@/db/schema';
import { markRfmStale } from '@/lib/analytics/rfm';
import type { Actor } from '@/lib/auth/actor';
import { can } from '@/lib/auth/permissions';
import { withActivity } from '@/lib/audit';
import { AppError } from '@/lib/errors';
import { createInvoice } from '@/lib/finances/mutations';
import { nextInvoiceNumber } from '@/lib/finances/numbering';
import type { InvoiceDto } from '@/lib/finances/queries';
import { kindLabel } from './labels';
import { checkVersion, lockIntervention } from './guards';
import { dto, entry } from './mutations';
import { getLines } from './queries';
import type { InterventionInvoiceInput } from './schema';
import { transition } from './state';
import { computeTotals } from './totals';
import type { InterventionDto } from './types';

const DAY = 86_400_000;

/**
 * "Facturer": the invoice is made from the intervention's lines (VAT per line, lib/interventions/
 * totals.ts) — never from an amount the client sends — through the finances module's own invoice
 * creation (its checks and its `invoice` activity, in a savepoint of this transaction), numbered
 * in the year's series unless a number is given; then the intervention is linked and `invoiced`,
 * with its own activity. All or nothing.
 */
export async function invoiceIntervention(
  db: Db,
  actor: Actor,
  customerId: string,
  id: string,
  input: InterventionInvoiceInput = {},
): Promise<{ intervention: InterventionDto; invoice: InvoiceDto }> {
  if (!can(actor.role, 'intervention.invoice'))
    throw AppError.forbidden('Seul un responsable peut facturer une intervention.');
  const result = await withActivity(db, actor, async (tx) => {
    const row = await lockIntervention(tx, customerId, id);
    checkVersion(row, input.updatedAt);
    const status = transition(row.status, 'invoice');
    if (row.noCharge) throw AppError.conflict('Intervention sans frais : rien à facturer.');
    const totals = computeTotals(await getLines(tx, id));
    if (totals.totalHtCents === 0)
      throw AppError.validation(
        { lines: ['Aucun montant à facturer : renseignez les prix des lignes.'] },
        'Aucun montant à facturer.',
      );
    const issuedAt = input.issuedAt ?? new Date();
    const dueAt = input.dueAt ?? new Date(issuedAt.getTime() + 30 * DAY);
    if (dueAt.getTime() < issuedAt.getTime())
      throw AppError.validation({ dueAt: ["L'échéance ne peut pas précéder la date d'émission."] });
    const invoice = await createInvoice(tx as unknown as Db, actor, customerId, {
      number: input.number ?? (await nextInvoiceNumber(tx, issuedAt)),
      issuedAt,
      dueAt,
      totalHtCents: totals.totalHtCents,
      vatCents: totals.vatCents,
      interventionId: id,
    });
    const [updated] = await tx
      .update(interventions)
      .set({
        status,
        invoiceId: invoice.id,
        totalHtCents: totals.totalHtCents,
        totalTtcCents: totals.totalTtcCents,
        updatedAt: new Date(),
      })
      .where(eq(interventions.id, id))
      .returning();
    return {
      value: { intervention: await dto(tx, updated), invoice },
      activity: entry(updated, `Intervention facturée : ${kindLabel(updated.kind)} (facture ${invoice.number})`, {
        metadata: { invoiceId: invoice.id, invoiceNumber: invoice.number },
      }),
    };
  });
  markRfmStale();
  return result;
}
