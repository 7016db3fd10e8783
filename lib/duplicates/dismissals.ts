import { and, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db, DbOrTx, Tx } from '@/db';
import { customers, duplicateDismissals } from '@/db/schema';
import { type ActivityEntry, withActivity } from '@/lib/audit';
import type { Actor } from '@/lib/auth/actor';
import { canReviewDuplicates } from '@/lib/auth/permissions';
import { requireCustomer } from '@/lib/customers/guard';
import { customerDisplayName } from '@/lib/customers/schema';
import { AppError } from '@/lib/errors';

/**
 * « Pas un doublon »: a manager declares two customers distinct people; the pair is recorded
 * (duplicate_dismissals, in id order) and the duplicates page stops proposing it. « Rétablir »
 * deletes the record. Both customers' timelines say so, in the same transaction as the write.
 */

/** Body of POST /api/customers/{id}/not-duplicate and of the form: the other customer of the pair. */
export const dismissalBodySchema = z.strictObject({ otherId: z.uuid({ error: 'Identifiant de client invalide.' }) });
export type DismissalBody = z.infer<typeof dismissalBodySchema>;
/** Query of DELETE /api/customers/{id}/not-duplicate. */
export const dismissalQuerySchema = z.strictObject({ otherId: z.uuid({ error: 'Identifiant de client invalide.' }) });

export interface DismissedPair {
  a: { id: string; number: string; displayName: string };
  b: { id: string; number: string; displayName: string };
  dismissedByName: string;
  dismissedAt: Date;
}

export interface DismissalResult {
  customerId: string;
  otherId: string;
  /** False when nothing changed (already dismissed, or nothing to restore): the call is idempotent. */
  changed: boolean;
}

const ordered = (x: string, y: string): [string, string] => (x < y ? [x, y] : [y, x]);

function assertReviewer(actor: Actor) {
  if (!canReviewDuplicates(actor.role)) throw AppError.forbidden('Seul un responsable peut trancher sur les doublons.');
}

/** Both customers, locked, live: unknown → 404, erased → 409 (requireCustomer, like every write). */
async function pairCustomers(tx: Tx, id: string, otherId: string) {
  if (id === otherId) throw AppError.validation({ otherId: ['Une fiche ne peut pas être son propre doublon.'] });
  // Locked in id order, so two decisions on the same pair from both sides cannot deadlock.
  const [first, second] = ordered(id, otherId);
  const locked = [
    await requireCustomer(tx, first, { forUpdate: true }),
    await requireCustomer(tx, second, { forUpdate: true }),
  ];
  return { self: locked.find((r) => r.id === id)!, other: locked.find((r) => r.id === otherId)! };
}

function entries(kind: 'dismiss' | 'restore', pair: Awaited<ReturnType<typeof pairCustomers>>): ActivityEntry[] {
  const sides = [
    [pair.self, pair.other],
    [pair.other, pair.self],
  ] as const;
  return sides.map(([me, them]) => ({
    customerId: me.id,
    type: 'merge' as const,
    title:
      kind === 'dismiss'
        ? `Pas un doublon de ${them.number}`
        : `Doublon possible avec ${them.number} à nouveau proposé`,
    description:
      kind === 'dismiss'
        ? `${customerDisplayName(them)} (${them.number}) est une autre personne : la paire n’est plus proposée.`
        : `La paire avec ${customerDisplayName(them)} (${them.number}) revient dans les doublons possibles.`,
    metadata: { otherNumber: them.number },
    relatedType: 'customer',
    relatedId: them.id,
  }));
}

export async function dismissPair(db: Db, actor: Actor, id: string, otherId: string): Promise<DismissalResult> {
  assertReviewer(actor);
  return withActivity(db, actor, async (tx) => {
    const pair = await pairCustomers(tx, id, otherId);
    const [a, b] = ordered(id, otherId);
    const inserted = await tx
      .insert(duplicateDismissals)
      .values({
        customerAId: a,
        customerBId: b,
        dismissedBy: actor.kind === 'user' ? actor.id : null,
        dismissedByName: actor.name,
      })
      .onConflictDoNothing()
      .returning({ a: duplicateDismissals.customerAId });
    const changed = inserted.length > 0;
    return { value: { customerId: id, otherId, changed }, activity: changed ? entries('dismiss', pair) : null };
  });
}

export async function restorePair(db: Db, actor: Actor, id: string, otherId: string): Promise<DismissalResult> {
  assertReviewer(actor);
  return withActivity(db, actor, async (tx) => {
    const pair = await pairCustomers(tx, id, otherId);
    const [a, b] = ordered(id, otherId);
    const deleted = await tx
      .delete(duplicateDismissals)
      .where(and(eq(duplicateDismissals.customerAId, a), eq(duplicateDismissals.customerBId, b)))
      .returning({ a: duplicateDismissals.customerAId });
    const changed = deleted.length > 0;
    return { value: { customerId: id, otherId, changed }, activity: changed ? entries('restore', pair) : null };
  });
}

/** The « Paires écartées » list, latest first (at most `limit`). */
export async function listDismissedPairs(db: DbOrTx, limit = 200): Promise<DismissedPair[]> {
  const result = await db.execute(sql`
    select d.dismissed_by_name, d.dismissed_at,
      ca.id as a_id, ca.number as a_number, ca.kind as a_kind, ca.first_name as a_first, ca.last_name as a_last,
      ca.company_name as a_company,
      cb.id as b_id, cb.number as b_number, cb.kind as b_kind, cb.first_name as b_first, cb.last_name as b_last,
      cb.company_name as b_company
    from ${duplicateDismissals} d
    join ${customers} ca on ca.id = d.customer_a_id
    join ${customers} cb on cb.id = d.customer_b_id
    order by d.dismissed_at desc, d.customer_a_id, d.customer_b_id
    limit ${limit}`);
  type R = Record<string, unknown>;
  const rows = (Array.isArray(result) ? result : (result as { rows: R[] }).rows) as R[];
  const side = (r: R, p: 'a' | 'b') => ({
    id: String(r[`${p}_id`]),
    number: String(r[`${p}_number`]),
    displayName: customerDisplayName({
      kind: String(r[`${p}_kind`]),
      firstName: r[`${p}_first`] as string | null,
      lastName: r[`${p}_last`] as string | null,
      companyName: r[`${p}_company`] as string | null,
    }),
  });
  return rows.map((r) => ({
    a: side(r, 'a'),
    b: side(r, 'b'),
    dismissedByName: String(r.dismissed_by_name),
    dismissedAt: new Date(r.dismissed_at as string),
  }));
}
