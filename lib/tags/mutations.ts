import 'server-only';
import { and, eq } from 'drizzle-orm';
import type { Db, DbOrTx } from '@/db';
import { customerTags, tags } from '@/db/schema';
import type { Actor } from '@/lib/auth/actor';
import { type ActivityEntry, withActivity } from '@/lib/audit';
import type { TagDto } from '@/lib/customers/types';
import { AppError, isUniqueViolation } from '@/lib/errors';
import { requireCustomer } from '@/lib/customers/guard';
import { findTagByName } from './queries';
import { type CustomerTagAddInput, DEFAULT_TAG_COLOR, type TagCreateInput } from './schema';

const duplicate = (name: string) =>
  AppError.conflict(`L'étiquette « ${name} » existe déjà (les majuscules ne comptent pas).`, {
    name: ['Une étiquette porte déjà ce nom.'],
  });

/** A new tag; 409 when the name exists in any letter case. */
export async function createTag(db: Db, input: TagCreateInput): Promise<TagDto> {
  const existing = await findTagByName(db, input.name);
  if (existing) throw duplicate(existing.name);
  try {
    const [row] = await db
      .insert(tags)
      .values({ name: input.name, color: input.color })
      .returning({ id: tags.id, name: tags.name, color: tags.color });
    return row;
  } catch (error) {
    // Two creations racing: the unique index on lower(name) decides.
    if (isUniqueViolation(error)) throw duplicate(input.name);
    throw error;
  }
}

/** The tag of that name, created when missing — safe under concurrency (ON CONFLICT DO NOTHING). */
export async function findOrCreateTag(
  tx: DbOrTx,
  name: string,
  color: string | undefined,
): Promise<{ tag: TagDto; created: boolean }> {
  const existing = await findTagByName(tx, name);
  if (existing) return { tag: existing, created: false };
  const [inserted] = await tx
    .insert(tags)
    .values({ name, color: color ?? DEFAULT_TAG_COLOR })
    .onConflictDoNothing()
    .returning({ id: tags.id, name: tags.name, color: tags.color });
  if (inserted) return { tag: inserted, created: true };
  const raced = await findTagByName(tx, name);
  if (!raced) throw AppError.conflict("L'étiquette n'a pas pu être créée, réessayez.");
  return { tag: raced, created: false };
}

/** Puts a tag on a customer (idempotent: already there = no change, no activity). */
export async function addTagToCustomer(
  db: Db,
  actor: Actor,
  customerId: string,
  input: CustomerTagAddInput,
): Promise<TagDto> {
  return withActivity(db, actor, async (tx) => {
    await requireCustomer(tx, customerId, { forUpdate: true });
    let tag: TagDto;
    let created = false;
    if (input.tagId) {
      const [row] = await tx
        .select({ id: tags.id, name: tags.name, color: tags.color })
        .from(tags)
        .where(eq(tags.id, input.tagId))
        .limit(1);
      if (!row) throw AppError.notFound('Étiquette introuvable.');
      tag = row;
    } else {
      ({ tag, created } = await findOrCreateTag(tx, input.name!, input.color));
    }
    const [link] = await tx
      .insert(customerTags)
      .values({ customerId, tagId: tag.id })
      .onConflictDoNothing()
      .returning({ tagId: customerTags.tagId });
    return { value: tag, activity: link ? tagAddedActivity(customerId, tag, { createdTag: created }) : null };
  });
}

/**
 * A customer's timeline entry for a tag put on or taken off, by one customer's action or a bulk action
 * (`bulkCount`: how many customers that action changed, shown as « Action groupée »).
 */
export function tagAddedActivity(
  customerId: string,
  tag: TagDto,
  extra: { createdTag: boolean; bulkCount?: number },
): ActivityEntry {
  return {
    customerId,
    type: 'profile',
    title: `Étiquette « ${tag.name} » ajoutée`,
    metadata: { tagId: tag.id, name: tag.name, color: tag.color, ...extra },
    relatedType: 'tag',
    relatedId: tag.id,
  };
}

export function tagRemovedActivity(
  customerId: string,
  tag: { id: string; name: string | null },
  extra: { bulkCount?: number } = {},
): ActivityEntry {
  return {
    customerId,
    type: 'profile',
    title: `Étiquette « ${tag.name ?? '?'} » retirée`,
    metadata: { tagId: tag.id, name: tag.name, ...extra },
    relatedType: 'tag',
    relatedId: tag.id,
  };
}

/** Takes a tag off a customer; 404 when the customer does not carry it. */
export async function removeTagFromCustomer(db: Db, actor: Actor, customerId: string, tagId: string): Promise<void> {
  await withActivity(db, actor, async (tx) => {
    await requireCustomer(tx, customerId, { forUpdate: true });
    const [removed] = await tx
      .delete(customerTags)
      .where(and(eq(customerTags.customerId, customerId), eq(customerTags.tagId, tagId)))
      .returning({ tagId: customerTags.tagId });
    if (!removed) throw AppError.notFound("Ce client n'a pas cette étiquette.");
    const [tag] = await tx.select({ name: tags.name }).from(tags).where(eq(tags.id, tagId)).limit(1);
    return { value: undefined, activity: tagRemovedActivity(customerId, { id: tagId, name: tag?.name ?? null }) };
  });
}
