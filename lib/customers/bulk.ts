import 'server-only';
import { and, asc, eq, inArray, isNull } from 'drizzle-orm';
import type { Db, Tx } from '@/db';
import { customers, customerTags } from '@/db/schema';
import type { Actor } from '@/lib/auth/actor';
import { type ActivityEntry, withActivity } from '@/lib/audit';
import type { TagDto } from '@/lib/customers/types';
import { AppError } from '@/lib/errors';
import { findOrCreateTag, tagAddedActivity, tagRemovedActivity } from '@/lib/tags/mutations';
import { findTagByName } from '@/lib/tags/queries';
import { bulkResultMessage, type CustomerBulkInput, type CustomerBulkResult } from './bulk-schema';
import { archiveActivity } from './mutations';

/** What one action did: the tag it was about, and one activity row per customer it changed. */
interface Applied {
  tag: TagDto | null;
  changed: ActivityEntry[];
}

const ids = (rows: { id: string }[]) => rows.map((r) => r.id);

async function archive(tx: Tx, live: string[]): Promise<Applied> {
  const rows = await tx
    .update(customers)
    .set({ archivedAt: new Date() })
    .where(and(inArray(customers.id, live), isNull(customers.archivedAt)))
    .returning({ id: customers.id });
  return { tag: null, changed: ids(rows).map((id) => archiveActivity(id, true, { bulkCount: rows.length })) };
}

async function addTag(tx: Tx, live: string[], name: string): Promise<Applied> {
  // Nobody to tag (all erased or unknown): no tag is created for nothing.
  if (!live.length) return { tag: await findTagByName(tx, name), changed: [] };
  const { tag, created } = await findOrCreateTag(tx, name, undefined);
  const rows = await tx
    .insert(customerTags)
    .values(live.map((customerId) => ({ customerId, tagId: tag.id })))
    .onConflictDoNothing()
    .returning({ id: customerTags.customerId });
  const extra = { createdTag: created, bulkCount: rows.length };
  return { tag, changed: ids(rows).map((id) => tagAddedActivity(id, tag, extra)) };
}

async function removeTag(tx: Tx, live: string[], name: string): Promise<Applied> {
  const tag = await findTagByName(tx, name);
  if (!tag) throw AppError.validation({ tag: ['Aucune étiquette ne porte ce nom.'] });
  const rows = await tx
    .delete(customerTags)
    .where(and(eq(customerTags.tagId, tag.id), inArray(customerTags.customerId, live)))
    .returning({ id: customerTags.customerId });
  return { tag, changed: ids(rows).map((id) => tagRemovedActivity(id, tag, { bulkCount: rows.length })) };
}

/**
 * One bulk action on a selection, in ONE transaction with every changed customer's activity row: all of it
 * or nothing. The selected rows are locked first, in id order (two overlapping bulk actions wait for each
 * other instead of deadlocking, and an erasure cannot slip in between). Erased customers take no change
 * (README, GDPR erasure) and unknown ids name nothing: both are skipped and counted, not an error for the
 * others. Customers already in the wanted state are counted as unchanged, without an activity.
 */
export async function runCustomerBulk(db: Db, actor: Actor, input: CustomerBulkInput): Promise<CustomerBulkResult> {
  return withActivity(db, actor, async (tx) => {
    const rows = await tx
      .select({ id: customers.id, erasedAt: customers.erasedAt })
      .from(customers)
      .where(inArray(customers.id, input.ids))
      .orderBy(asc(customers.id))
      .for('update');
    const live = rows.filter((r) => !r.erasedAt).map((r) => r.id);
    const applied =
      input.action === 'archive'
        ? await archive(tx, live)
        : input.action === 'tag.add'
          ? await addTag(tx, live, input.tag)
          : await removeTag(tx, live, input.tag);
    const changed = applied.changed.length;
    const result = {
      action: input.action,
      tag: applied.tag,
      requested: input.ids.length,
      changed,
      unchanged: live.length - changed,
      skipped: { erased: rows.length - live.length, notFound: input.ids.length - rows.length },
    };
    return {
      value: { ...result, message: bulkResultMessage(result, 'tag' in input ? input.tag : null) },
      activity: applied.changed,
    };
  });
}
