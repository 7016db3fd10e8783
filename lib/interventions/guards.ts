import { and, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { DbOrTx, Tx } from '@/db';
import { customerActivity, interventions } from '@/db/schema';
import type { Actor } from '@/lib/auth/actor';
import { can, canReportIntervention } from '@/lib/auth/permissions';
import { requireCustomer } from '@/lib/customers/guard';
import { AppError } from '@/lib/errors';

type InterventionRow = typeof interventions.$inferSelect;

/** Reads: the customer exists (an erased one still shows its anonymised history); else 404. */
export const readableCustomer = (db: DbOrTx, customerId: string) =>
  requireCustomer(db, customerId, { allowErased: true });

/** Writes: the customer row locked for the transaction; 404 when unknown, 409 when erased. */
export const writableCustomer = (tx: Tx, customerId: string) => requireCustomer(tx, customerId, { forUpdate: true });

/** The row, only if it belongs to this customer: another customer's id is a 404 like an unknown one. */
export async function findIntervention(
  db: DbOrTx,
  customerId: string,
  id: string,
  { forUpdate = false } = {},
): Promise<InterventionRow> {
  if (!z.uuid().safeParse(id).success) throw AppError.notFound('Intervention introuvable.');
  const query = db
    .select()
    .from(interventions)
    .where(and(eq(interventions.id, id), eq(interventions.customerId, customerId)))
    .limit(1);
  const [row] = forUpdate ? await query.for('update') : await query;
  if (!row) throw AppError.notFound('Intervention introuvable.');
  return row;
}

export const STALE = "Cette intervention a été modifiée par quelqu'un d'autre entre-temps. Rechargez la page.";
const NOT_YOURS = 'Vous ne pouvez intervenir que sur les interventions qui vous sont assignées.';

export function requirePlan(actor: Actor) {
  if (!can(actor.role, 'intervention.plan'))
    throw AppError.forbidden('Seul un responsable peut planifier, modifier ou annuler une intervention.');
}

const REASSIGNED =
  'Intervention réassignée à un autre technicien : elle ne vous est plus attribuée, votre saisie n’a pas été enregistrée.';

/**
 * A technician acts only on their own assignments (403). One whose intervention was moved to someone else
 * since (a write typed offline and sent later) gets a 409 saying so: the target moved on, like a
 * cancellation — found in the reassignment's activity row (`metadata.technician.from`).
 */
export async function requireReport(
  db: DbOrTx,
  actor: Actor,
  row: Pick<InterventionRow, 'id' | 'customerId' | 'technicianId'>,
): Promise<void> {
  if (canReportIntervention(actor, row)) return;
  if (actor.kind === 'user' && actor.id && can(actor.role, 'intervention.report')) {
    const [reassigned] = await db
      .select({ id: customerActivity.id })
      .from(customerActivity)
      .where(
        and(
          eq(customerActivity.relatedType, 'intervention'),
          eq(customerActivity.relatedId, row.id),
          eq(customerActivity.customerId, row.customerId),
          sql`${customerActivity.metadata} -> 'technician' ->> 'from' = ${actor.id}`,
        ),
      )
      .limit(1);
    if (reassigned) throw AppError.conflict(REASSIGNED);
  }
  throw AppError.forbidden(NOT_YOURS);
}

export function checkVersion(row: InterventionRow, updatedAt: Date | undefined) {
  if (updatedAt && updatedAt.getTime() !== row.updatedAt.getTime()) throw AppError.conflict(STALE);
}

/** Locks the customer (404 / 409 erased) then the intervention (404, also for another customer's id). */
export async function lockIntervention(tx: Tx, customerId: string, id: string) {
  await writableCustomer(tx, customerId);
  return findIntervention(tx, customerId, id, { forUpdate: true });
}
