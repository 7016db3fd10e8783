import { descNullsLast } from '@/db/order';
import { and, asc, eq, getTableColumns, isNotNull, isNull, type SQL, sql } from 'drizzle-orm';
import { z } from 'zod';
import { type DbOrTx, getDb } from '@/db';
import { prepared } from '@/db/prepared';
import { customerContacts, customers, customerTags, tags, vehicles } from '@/db/schema';
import { AppError } from '@/lib/errors';
import { decodeCursor, type Page, toPage } from '@/lib/pagination';
import { type CustomerListQuery, customerDisplayName } from './schema';
import { buildSearchQuery } from './search';
import { type CustomerRecordDto, type CustomerRecordRow, serializeCustomer } from './serialize';
import type { ContactDto, CustomerDetailDto, CustomerListItem, TagDto, VehicleDto } from './types';

export type CustomerDetail = CustomerDetailDto & { erasedAt: Date | null };
export type CustomerListRow = CustomerListItem & { erasedAt: Date | null };

// Cursors carry the sort they belong to and the exact (microsecond) timestamp, so a page boundary
// inside one millisecond neither skips nor repeats rows.
const recentCursor = z.object({ s: z.literal('recent'), t: z.string().datetime({ offset: true }), id: z.guid() });
const nameCursor = z.object({ s: z.literal('name'), n: z.string().max(400), id: z.guid() });
const listCursor = z.discriminatedUnion('s', [recentCursor, nameCursor]);
/** A page boundary of the list, in either sort (what a cursor carries). */
export type CustomerListBoundary = z.infer<typeof listCursor>;

/**
 * The columns of the API shape (CustomerRecordRow): `select()` also read search_text and the
 * search_vector tsvector, the longest values of the row, parsed on every request for nothing.
 */
const {
  searchText: _t,
  searchVector: _v,
  geocodeSource: _g,
  createdBy: _c,
  sortName: _s,
  ...recordColumns
} = getTableColumns(customers);
export const customerRecordColumns = recordColumns satisfies Record<keyof CustomerRecordRow, unknown>;

/** Rows after `b` in the list's order: the composite comparison its two indexes serve. */
export function customerListAfter(b: CustomerListBoundary): SQL {
  return b.s === 'recent'
    ? sql`(${customers.createdAt}, ${customers.id}) < (${b.t}::timestamptz, ${b.id}::uuid)`
    : sql`(${customers.sortName}, ${customers.id}) > (${b.n}, ${b.id}::uuid)`;
}

/** The list's order, matching customers_created_idx (DESC NULLS LAST) or the sort-name index. */
export function customerListOrder(sort: CustomerListQuery['sort']): SQL[] {
  return sort === 'name'
    ? [asc(customers.sortName), asc(customers.id)]
    : [descNullsLast(customers.createdAt), descNullsLast(customers.id)];
}

/** created_at as ISO 8601 with microseconds (UTC): exact keyset boundaries. */
export const createdAtText = sql<string>`to_char(${customers.createdAt} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;
// Written with explicit qualified names: in a single-table select, drizzle strips the table from
// columns inside sql`` fields, which turned `vehicles.customer_id = customers.id` into
// "customer_id" = "id" (vehicles.id) and made every count 0.
export const vehicleCount = sql<number>`(select count(*)::int from ${vehicles} as "vc" where "vc"."customer_id" = "customers"."id")`;

/** Tags of several customers in one (prepared) query; the ids travel as one text parameter. */
export async function tagsByCustomer(db: DbOrTx, ids: string[]): Promise<Map<string, TagDto[]>> {
  const map = new Map<string, TagDto[]>();
  if (!ids.length) return map;
  const rows = await prepared(db, 'tags_by_customer', (d) =>
    d
      .select({ customerId: customerTags.customerId, id: tags.id, name: tags.name, color: tags.color })
      .from(customerTags)
      .innerJoin(tags, eq(tags.id, customerTags.tagId))
      .where(sql`${customerTags.customerId} = any(string_to_array(${sql.placeholder('ids')}, ',')::uuid[])`)
      .orderBy(asc(tags.name))
      .prepare('tags_by_customer'),
  ).execute({ ids: ids.join(',') });
  for (const r of rows) {
    const list = map.get(r.customerId) ?? [];
    list.push({ id: r.id, name: r.name, color: r.color });
    map.set(r.customerId, list);
  }
  return map;
}

/**
 * The list's filter conditions (no page cursor): erased customers never, then archived/status/kind/
 * city/tag/full-text, plus `extraWhere`. Shared with the list export (lib/export/list-rows.ts).
 */
export function customerListWhere(query: Omit<CustomerListQuery, 'limit' | 'cursor'>, extraWhere: SQL[] = []): SQL[] {
  const where: SQL[] = [isNull(customers.erasedAt), ...extraWhere];
  if (query.archived === 'exclude') where.push(isNull(customers.archivedAt));
  else if (query.archived === 'only') where.push(isNotNull(customers.archivedAt));
  if (query.status) where.push(eq(customers.status, query.status));
  if (query.kind) where.push(eq(customers.kind, query.kind));
  if (query.city) where.push(sql`lower(${customers.city}) = lower(${query.city})`);
  if (query.tag) {
    where.push(
      sql`exists (select 1 from ${customerTags} join ${tags} on ${tags.id} = ${customerTags.tagId} where ${customerTags.customerId} = ${customers.id} and lower(${tags.name}) = lower(${query.tag}))`,
    );
  }
  const tsquery = buildSearchQuery(query.q);
  if (tsquery) where.push(sql`${customers.searchVector} @@ to_tsquery('simple', ${tsquery})`);
  return where;
}

// The children of one customer as JSON arrays in the DTO shapes (ContactDto, VehicleDto, TagDto), in
// their display order. Qualified names: drizzle strips the table from columns in a single-table select.
const contactsJson = sql<ContactDto[]>`(select coalesce(json_agg(json_build_object('id', cc.id,
  'customerId', cc.customer_id, 'name', cc.name, 'role', cc.role, 'email', cc.email, 'phone', cc.phone,
  'isPrimary', cc.is_primary) order by cc.is_primary desc, cc.created_at, cc.id), '[]'::json)
  from ${customerContacts} cc where cc.customer_id = "customers"."id")`;
const vehiclesJson = sql<VehicleDto[]>`(select coalesce(json_agg(json_build_object('id', v.id,
  'customerId', v.customer_id, 'plate', v.plate, 'vin', v.vin, 'make', v.make, 'model', v.model,
  'year', v.year, 'mileage', v.mileage, 'fuel', v.fuel) order by v.created_at, v.id), '[]'::json)
  from ${vehicles} v where v.customer_id = "customers"."id")`;
const tagsJson = sql<TagDto[]>`(select coalesce(json_agg(json_build_object('id', t.id, 'name', t.name,
  'color', t.color) order by t.name), '[]'::json)
  from ${customerTags} ct join ${tags} t on t.id = ct.tag_id where ct.customer_id = "customers"."id")`;

/**
 * The customer list: keyset pages on (created_at desc, id desc) or (sort_name asc, id asc), both
 * backed by an index; full-text on the GIN search vector. Erased customers are never listed.
 * `extraWhere` lets other modules (segments, compliance) add their own conditions.
 */
export async function listCustomers(
  db: DbOrTx,
  query: CustomerListQuery,
  extraWhere: SQL[] = [],
): Promise<Page<CustomerListRow>> {
  const cursor = decodeCursor(query.cursor, listCursor);
  if (cursor && cursor.s !== query.sort) throw AppError.badRequest('Curseur de pagination invalide pour ce tri.');
  const rows = await listRows(db, query, extraWhere, cursor);
  return toPage(
    rows,
    query.limit,
    (r) => ({
      ...serializeCustomer(r.row, r.tags),
      displayName: customerDisplayName(r.row),
      vehicleCount: Number(r.vehicleCount),
    }),
    (r) =>
      query.sort === 'name'
        ? { s: 'name', n: r.sortName, id: r.row.id }
        : { s: 'recent', t: r.createdAtText, id: r.row.id },
  );
}

// Tags as a JSON subquery of each row: one statement per page instead of two round trips.
const listSelection = {
  row: customerRecordColumns,
  sortName: customers.sortName,
  createdAtText,
  vehicleCount,
  tags: tagsJson,
};

/**
 * One page of rows. Without search or filters (the list as it opens, and its next pages) the query is
 * prepared per sort, archived choice and first/next page; any filter builds it for the request.
 */
function listRows(db: DbOrTx, query: CustomerListQuery, extraWhere: SQL[], cursor: CustomerListBoundary | null) {
  const filtered = extraWhere.length || query.q || query.status || query.kind || query.city || query.tag;
  const order = customerListOrder(query.sort);
  if (filtered) {
    const where = customerListWhere(query, extraWhere);
    if (cursor) where.push(customerListAfter(cursor));
    return db
      .select(listSelection)
      .from(customers)
      .where(and(...where))
      .orderBy(...order)
      .limit(query.limit + 1);
  }
  const name = `customer_list:${query.sort}:${query.archived}:${cursor ? 'next' : 'first'}`;
  const after =
    query.sort === 'name'
      ? sql`(${customers.sortName}, ${customers.id}) > (${sql.placeholder('n')}, ${sql.placeholder('id')}::uuid)`
      : sql`(${customers.createdAt}, ${customers.id}) < (${sql.placeholder('t')}::timestamptz, ${sql.placeholder('id')}::uuid)`;
  const page = prepared(db, name, (d) =>
    d
      .select(listSelection)
      .from(customers)
      .where(and(...customerListWhere({ archived: query.archived, sort: query.sort }), cursor ? after : undefined))
      .orderBy(...order)
      .limit(sql.placeholder('limit'))
      .prepare(name),
  );
  return page.execute({ limit: query.limit + 1, ...cursor });
}

/** The raw row (erased customers included), or null. */
export async function getCustomerRow(db: DbOrTx, id: string) {
  const [row] = await db.select().from(customers).where(eq(customers.id, id)).limit(1);
  return row ?? null;
}

/** The record's columns (CustomerRecordRow), or null: one prepared query. */
async function getCustomerRecordRow(db: DbOrTx, id: string): Promise<CustomerRecordRow | null> {
  const [row] = await prepared(db, 'customer_record', (d) =>
    d
      .select(customerRecordColumns)
      .from(customers)
      .where(eq(customers.id, sql.placeholder('id')))
      .limit(1)
      .prepare('customer_record'),
  ).execute({ id });
  return row ?? null;
}

/**
 * Customer with contacts, vehicles and tags; null when unknown. Erased customers come back anonymised.
 * One prepared statement: the children come as JSON arrays of subqueries on their customer indexes.
 * Four statements cost four round trips, each a socket write and read, more CPU than the rows themselves.
 */
export async function getCustomer(db: DbOrTx, id: string): Promise<CustomerDetail | null> {
  const [row] = await prepared(db, 'customer_detail', (d) =>
    d
      .select({ ...customerRecordColumns, contacts: contactsJson, vehicles: vehiclesJson, tags: tagsJson })
      .from(customers)
      .where(eq(customers.id, sql.placeholder('id')))
      .limit(1)
      .prepare('customer_detail'),
  ).execute({ id });
  if (!row) return null;
  const { contacts, vehicles: vehicleList, tags: tagList, ...record } = row;
  return { ...serializeCustomer(record, tagList), contacts, vehicles: vehicleList };
}

export async function getCustomerOrThrow(db: DbOrTx, id: string): Promise<CustomerDetail> {
  const customer = await getCustomer(db, id);
  if (!customer) throw AppError.notFound('Client introuvable.');
  return customer;
}

/** Just the customer (no children), for headers and mutations' responses. */
export async function getCustomerSummary(db: DbOrTx, id: string): Promise<CustomerRecordDto | null> {
  const row = await getCustomerRecordRow(db, id);
  if (!row) return null;
  const tagMap = await tagsByCustomer(db, [id]);
  return serializeCustomer(row, tagMap.get(id) ?? []);
}

/** All tags (filter suggestions, tag pickers). */
export async function listTags(db: DbOrTx): Promise<TagDto[]> {
  return db.select({ id: tags.id, name: tags.name, color: tags.color }).from(tags).orderBy(asc(tags.name)).limit(500);
}

/** The 50 most frequent cities of listed customers, for the city filter. */
export async function listCities(db: DbOrTx): Promise<{ city: string; count: number }[]> {
  const rows = await db
    .select({ city: sql<string>`min(${customers.city})`, count: sql<number>`count(*)::int` })
    .from(customers)
    .where(and(isNull(customers.erasedAt), isNotNull(customers.city)))
    .groupBy(sql`lower(${customers.city})`)
    .orderBy(sql`count(*) desc`, sql`min(${customers.city})`)
    .limit(50);
  return rows.map((r) => ({ city: r.city, count: Number(r.count) }));
}

/** Customers list page: the tag and city choices of the filters. */
export async function loadCustomerListChoices() {
  const db = getDb();
  const [tags, cities] = await Promise.all([listTags(db), listCities(db)]);
  return { tags, cities };
}

export { type CustomerListColumns, customerListColumns } from './list-columns';
