import { descNullsLast } from '@/db/order';
import { and, asc, desc, eq, inArray, isNotNull, isNull, type SQL, sql } from 'drizzle-orm';
import { z } from 'zod';
import { type DbOrTx, getDb } from '@/db';
import { customerContacts, customers, customerTags, tags, vehicles } from '@/db/schema';
import { AppError } from '@/lib/errors';
import { decodeCursor, type Page, toPage } from '@/lib/pagination';
import { type CustomerListQuery, customerDisplayName } from './schema';
import { buildSearchQuery } from './search';
import { type CustomerRecordDto, serializeContact, serializeCustomer, serializeVehicle } from './serialize';
import type { CustomerDetailDto, CustomerListItem, TagDto } from './types';

export type CustomerDetail = CustomerDetailDto & { erasedAt: Date | null };
export type CustomerListRow = CustomerListItem & { erasedAt: Date | null };

// Cursors carry the sort they belong to and the exact (microsecond) timestamp, so a page boundary
// inside one millisecond neither skips nor repeats rows.
const recentCursor = z.object({ s: z.literal('recent'), t: z.string().datetime({ offset: true }), id: z.guid() });
const nameCursor = z.object({ s: z.literal('name'), n: z.string().max(400), id: z.guid() });
const listCursor = z.discriminatedUnion('s', [recentCursor, nameCursor]);
/** A page boundary of the list, in either sort (what a cursor carries). */
export type CustomerListBoundary = z.infer<typeof listCursor>;

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

/** Tags of several customers in one query. */
export async function tagsByCustomer(db: DbOrTx, ids: string[]): Promise<Map<string, TagDto[]>> {
  const map = new Map<string, TagDto[]>();
  if (!ids.length) return map;
  const rows = await db
    .select({ customerId: customerTags.customerId, id: tags.id, name: tags.name, color: tags.color })
    .from(customerTags)
    .innerJoin(tags, eq(tags.id, customerTags.tagId))
    .where(inArray(customerTags.customerId, ids))
    .orderBy(asc(tags.name));
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
  const where = customerListWhere(query, extraWhere);

  const cursor = decodeCursor(query.cursor, listCursor);
  if (cursor && cursor.s !== query.sort) throw AppError.badRequest('Curseur de pagination invalide pour ce tri.');
  if (cursor) where.push(customerListAfter(cursor));

  const rows = await db
    .select({ row: customers, createdAtText, vehicleCount })
    .from(customers)
    .where(and(...where))
    .orderBy(...customerListOrder(query.sort))
    .limit(query.limit + 1);

  const tagMap = await tagsByCustomer(
    db,
    rows.slice(0, query.limit).map((r) => r.row.id),
  );
  return toPage(
    rows,
    query.limit,
    (r) => ({
      ...serializeCustomer(r.row, tagMap.get(r.row.id) ?? []),
      displayName: customerDisplayName(r.row),
      vehicleCount: Number(r.vehicleCount),
    }),
    (r) =>
      query.sort === 'name'
        ? { s: 'name', n: r.row.sortName, id: r.row.id }
        : { s: 'recent', t: r.createdAtText, id: r.row.id },
  );
}

/** The raw row (erased customers included), or null. */
export async function getCustomerRow(db: DbOrTx, id: string) {
  const [row] = await db.select().from(customers).where(eq(customers.id, id)).limit(1);
  return row ?? null;
}

/** Customer with contacts, vehicles and tags; null when unknown. Erased customers come back anonymised. */
export async function getCustomer(db: DbOrTx, id: string): Promise<CustomerDetail | null> {
  const row = await getCustomerRow(db, id);
  if (!row) return null;
  const [contactRows, vehicleRows, tagMap] = await Promise.all([
    db
      .select()
      .from(customerContacts)
      .where(eq(customerContacts.customerId, id))
      .orderBy(desc(customerContacts.isPrimary), asc(customerContacts.createdAt), asc(customerContacts.id)),
    db.select().from(vehicles).where(eq(vehicles.customerId, id)).orderBy(asc(vehicles.createdAt), asc(vehicles.id)),
    tagsByCustomer(db, [id]),
  ]);
  return {
    ...serializeCustomer(row, tagMap.get(id) ?? []),
    contacts: contactRows.map(serializeContact),
    vehicles: vehicleRows.map(serializeVehicle),
  };
}

export async function getCustomerOrThrow(db: DbOrTx, id: string): Promise<CustomerDetail> {
  const customer = await getCustomer(db, id);
  if (!customer) throw AppError.notFound('Client introuvable.');
  return customer;
}

/** Just the customer (no children), for headers and mutations' responses. */
export async function getCustomerSummary(db: DbOrTx, id: string): Promise<CustomerRecordDto | null> {
  const row = await getCustomerRow(db, id);
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

/** The list's office columns for one page of customers. */
export interface CustomerListColumns {
  /** The first vehicle's plate (the oldest vehicle on the record). */
  plate: string | null;
  /** The last finished intervention (done or invoiced) or recorded visit, whichever is later. */
  lastVisitAt: Date | null;
  /** What the customer owes (invoices' balances: net of credit notes and refunds, 0 once cancelled); finance.read only. */
  balanceCents?: number;
}

/**
 * The plate, last-visit and balance columns of one list page, in one query after the keyset page:
 * the page query itself stays as it was (same plan, same cursor). Each column is a lateral
 * subquery on a customer-leading index (vehicles_customer_idx, interventions_customer_idx,
 * customer_activity_type_idx, invoices_customer_idx), so the cost grows with the page, not the base.
 */
export async function customerListColumns(
  db: DbOrTx,
  ids: string[],
  options: { balance: boolean },
): Promise<Map<string, CustomerListColumns>> {
  const map = new Map<string, CustomerListColumns>();
  if (!ids.length) return map;
  const balance = options.balance
    ? sql`(select coalesce(sum(i.balance_cents), 0)::int from invoices i where i.customer_id = c.id)`
    : sql`null::int`;
  const result = await db.execute(sql`
    select c.id, v.plate, greatest(iv.last_done, av.last_visit) as last_visit_at, ${balance} as balance_cents
    from unnest(array[${sql.join(
      ids.map((id) => sql`${id}::uuid`),
      sql`, `,
    )}]) as c(id)
    left join lateral (
      select plate from vehicles where customer_id = c.id order by created_at, id limit 1
    ) v on true
    left join lateral (
      select max(coalesce(completed_at, scheduled_at)) as last_done from interventions
      where customer_id = c.id and status in ('done', 'invoiced')
    ) iv on true
    left join lateral (
      select max(occurred_at) as last_visit from customer_activity where customer_id = c.id and type = 'visit'
    ) av on true`);
  const rows = (Array.isArray(result) ? result : (result as { rows: unknown[] }).rows) as Record<string, unknown>[];
  for (const r of rows) {
    const last = r.last_visit_at;
    map.set(String(r.id), {
      plate: (r.plate as string | null) ?? null,
      lastVisitAt: last == null ? null : new Date(last as string),
      ...(options.balance ? { balanceCents: Number(r.balance_cents ?? 0) } : {}),
    });
  }
  return map;
}
