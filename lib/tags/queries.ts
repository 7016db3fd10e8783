import 'server-only';
import { asc, count, eq, sql } from 'drizzle-orm';
import { type DbOrTx, getDb } from '@/db';
import { customerTags, tags } from '@/db/schema';
import type { TagDto } from '@/lib/customers/types';
import type { TagWithCount } from './schema';

/** Every tag with the number of customers carrying it, by name. */
export async function listTagsWithCounts(db: DbOrTx): Promise<TagWithCount[]> {
  const rows = await db
    .select({ id: tags.id, name: tags.name, color: tags.color, customerCount: count(customerTags.customerId) })
    .from(tags)
    .leftJoin(customerTags, eq(customerTags.tagId, tags.id))
    .groupBy(tags.id)
    .orderBy(asc(sql`lower(${tags.name})`));
  return rows.map((r) => ({ ...r, customerCount: Number(r.customerCount) }));
}

export async function listCustomerTags(db: DbOrTx, customerId: string): Promise<TagDto[]> {
  return db
    .select({ id: tags.id, name: tags.name, color: tags.color })
    .from(customerTags)
    .innerJoin(tags, eq(tags.id, customerTags.tagId))
    .where(eq(customerTags.customerId, customerId))
    .orderBy(asc(sql`lower(${tags.name})`));
}

/** Case-insensitive lookup (the unique index is on lower(name)). */
export async function findTagByName(db: DbOrTx, name: string): Promise<TagDto | null> {
  const [row] = await db
    .select({ id: tags.id, name: tags.name, color: tags.color })
    .from(tags)
    .where(sql`lower(${tags.name}) = lower(${name})`)
    .limit(1);
  return row ?? null;
}

/** Profile tab: every tag with its usage count, offered when tagging a customer. */
export function loadTagChoices(): Promise<TagWithCount[]> {
  return listTagsWithCounts(getDb());
}
