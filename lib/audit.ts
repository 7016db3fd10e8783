import type { Db, DbOrTx, Tx } from '@/db';
import { customerActivity } from '@/db/schema';
import type { ActivityType } from '@/db/schema/activity';
import type { Actor } from '@/lib/auth/actor';

export interface ActivityEntry {
  customerId: string;
  type: ActivityType;
  title: string;
  description?: string | null;
  metadata?: Record<string, unknown>;
  relatedType?: string | null;
  relatedId?: string | null;
  occurredAt?: Date;
}

export async function recordActivity(tx: DbOrTx, actor: Actor, entries: ActivityEntry | ActivityEntry[]) {
  const list = Array.isArray(entries) ? entries : [entries];
  if (!list.length) return [];
  return tx
    .insert(customerActivity)
    .values(
      list.map((e) => ({
        customerId: e.customerId,
        type: e.type,
        title: e.title,
        description: e.description ?? null,
        metadata: e.metadata ?? {},
        actorKind: actor.kind,
        actorId: actor.id,
        actorName: actor.name,
        relatedType: e.relatedType ?? null,
        relatedId: e.relatedId ?? null,
        ...(e.occurredAt ? { occurredAt: e.occurredAt } : {}),
      })),
    )
    .returning();
}

/**
 * The one way to mutate customer data: `fn` does the writes and says what happened; the activity
 * rows are written in the same transaction, so a mutation is never without its trace (and a
 * failed mutation leaves neither).
 */
export async function withActivity<T>(
  db: Db,
  actor: Actor,
  fn: (tx: Tx) => Promise<{ value: T; activity: ActivityEntry | ActivityEntry[] | null }>,
): Promise<T> {
  return db.transaction(async (tx) => {
    const { value, activity } = await fn(tx);
    if (activity) await recordActivity(tx, actor, activity);
    return value;
  });
}

/** Field-level diff for "profile" activities: old → new, never secrets. */
export function diffFields<T extends Record<string, unknown>>(
  before: T,
  after: Partial<T>,
  fields: readonly (keyof T & string)[],
): Record<string, { from: unknown; to: unknown }> {
  const changes: Record<string, { from: unknown; to: unknown }> = {};
  for (const field of fields) {
    if (!(field in after)) continue;
    const from = before[field] ?? null;
    const to = after[field] ?? null;
    const same = from instanceof Date && to instanceof Date ? from.getTime() === to.getTime() : from === to;
    if (!same) changes[field] = { from, to };
  }
  return changes;
}
