import 'server-only';
import { and, eq } from 'drizzle-orm';
import type { Db, Tx } from '@/db';
import { customerActivity } from '@/db/schema';
import type { Actor } from '@/lib/auth/actor';
import { activityEditDecision } from '@/lib/auth/permissions';
import { withActivity } from '@/lib/audit';
import { requireCustomer } from '@/lib/customers/guard';
import { AppError, zodFieldErrors } from '@/lib/errors';
import { ACTIVITY_TYPE_LABELS } from './labels';
import { activityCorrectionSchema } from './schema';
import { type ActivityRow } from './serialize';
import { activityVisibleTo, FINANCE_METADATA_KEYS } from './visibility';

/**
 * Correcting and deleting a manual timeline entry. Both leave an immutable trace written by the
 * application in the same transaction, so the original text stays recoverable from the timeline:
 * - a correction updates the entry (and its `edited_at`) and adds « Activité corrigée » with the
 *   previous type, title, text and date;
 * - a deletion removes the row and adds « Activité supprimée » with its whole content and author.
 * Hard delete rather than a `deleted_at` flag: the timeline is read by many queries (pages, counts,
 * the 360 block, the export bundle, analytics), each of which would need the flag and would show a
 * deleted entry the day one forgets it; the trace row already keeps everything an auditor needs.
 */

export const isManualRow = (row: Pick<ActivityRow, 'metadata'>) => row.metadata?.manual === true;

/** The entry as the caller may act on it: this customer's (else 404), then the permission rule (403/409). */
async function lockEditable(tx: Tx, actor: Actor, customerId: string, activityId: string): Promise<ActivityRow> {
  await requireCustomer(tx, customerId, { forUpdate: true });
  const [row] = await tx
    .select()
    .from(customerActivity)
    .where(
      and(eq(customerActivity.id, activityId), eq(customerActivity.customerId, customerId), activityVisibleTo(actor)),
    )
    .for('update')
    .limit(1);
  if (!row) throw AppError.notFound('Activité introuvable.');
  const decision = activityEditDecision(actor, { ...row, manual: isManualRow(row) }, true);
  if (!decision.allowed)
    throw decision.status === 409 ? AppError.conflict(decision.reason) : AppError.forbidden(decision.reason);
  return row;
}

/** What the trace rows keep of an entry: enough to rebuild it. */
function snapshot(row: ActivityRow) {
  return {
    type: row.type,
    typeLabel: ACTIVITY_TYPE_LABELS[row.type],
    title: row.title,
    description: row.description,
    occurredAt: new Date(row.occurredAt).toISOString(),
  };
}

/**
 * A deleted entry's metadata, kept whole: its money keys at the top level of the trace (where the
 * visibility rule removes them for roles without `finance.read`), the rest nested under `deletedMetadata`.
 */
function splitMoneyKeys(metadata: Record<string, unknown>) {
  const money: Record<string, unknown> = {};
  const rest: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(metadata ?? {})) {
    if ((FINANCE_METADATA_KEYS as readonly string[]).includes(key)) money[key] = value;
    else rest[key] = value;
  }
  return { ...money, deletedMetadata: rest };
}

export async function correctActivity(
  db: Db,
  actor: Actor,
  customerId: string,
  activityId: string,
  input: unknown,
): Promise<ActivityRow> {
  const parsed = activityCorrectionSchema.safeParse(input);
  if (!parsed.success) throw AppError.validation(zodFieldErrors(parsed.error));
  const changes = parsed.data;
  return withActivity(db, actor, async (tx) => {
    const before = await lockEditable(tx, actor, customerId, activityId);
    const [row] = await tx
      .update(customerActivity)
      .set({ ...changes, editedAt: new Date() })
      .where(eq(customerActivity.id, before.id))
      .returning();
    return {
      value: row,
      activity: {
        customerId,
        type: 'system',
        title: `Activité corrigée : ${row.title}`,
        metadata: { correctedEntry: snapshot(before), author: before.actorName },
        relatedType: 'activity',
        relatedId: row.id,
      },
    };
  });
}

export async function deleteActivity(db: Db, actor: Actor, customerId: string, activityId: string): Promise<void> {
  await withActivity(db, actor, async (tx) => {
    const before = await lockEditable(tx, actor, customerId, activityId);
    await tx.delete(customerActivity).where(eq(customerActivity.id, before.id));
    return {
      value: undefined,
      activity: {
        customerId,
        type: 'system',
        title: `Activité supprimée : ${before.title}`,
        metadata: { ...splitMoneyKeys(before.metadata), deletedEntry: snapshot(before), author: before.actorName },
        relatedType: 'activity',
        relatedId: before.id,
      },
    };
  });
}
