import { and, type SQL, sql } from 'drizzle-orm';
import { PgDialect } from 'drizzle-orm/pg-core';
import type { DbOrTx } from '@/db';
import { customers, customerTags, tags } from '@/db/schema';
import {
  createdAtText,
  type CustomerListBoundary,
  customerListAfter,
  customerListOrder,
  customerListWhere,
  vehicleCount,
} from '@/lib/customers/queries';
import type { CustomerListQuery } from '@/lib/customers/schema';
import type { CustomerDto } from '@/lib/customers/types';
import { EXPORT_LIMITS } from './slots';

/**
 * The rows of the customer list export, read with the list's own filters (customerListWhere) but
 * only the exported columns: no search_text, no tsvector, no coordinates, so a row is a few hundred
 * bytes. Tags and the vehicle count come from the same statement. On PostgreSQL the rows come from
 * one statement read through a cursor (a portal fetched LIST_EXPORT_BATCH rows per round trip; one
 * pool connection is held while the download runs); on PGlite and inside a transaction, from keyset
 * batches of the same size over the list's indexes.
 */
export const LIST_EXPORT_BATCH = 500;

export type ListExportFilters = Omit<CustomerListQuery, 'limit' | 'cursor'>;

/** The customer's exported columns (as in its DTO), then what the export adds or reads differently. */
export type ListExportRow = Pick<
  CustomerDto,
  | 'id'
  | 'number'
  | 'kind'
  | 'firstName'
  | 'lastName'
  | 'companyName'
  | 'siret'
  | 'email'
  | 'phone'
  | 'mobile'
  | 'addressLine1'
  | 'addressLine2'
  | 'postalCode'
  | 'city'
  | 'status'
> & {
  /** ISO 8601 with microseconds (UTC): exact keyset boundary, and a Date for the cells. */
  createdAt: string;
  sortName: string;
  /** Tag names, alphabetical, joined by ", " (null without tags). */
  tags: string | null;
  vehicleCount: number;
};

// Explicitly qualified names in the correlated subquery (see vehicleCount in lib/customers/queries.ts).
const COLUMNS = sql`${customers.id} as "id", ${customers.number} as "number", ${customers.kind} as "kind",
  ${customers.firstName} as "firstName", ${customers.lastName} as "lastName", ${customers.companyName} as "companyName",
  ${customers.siret} as "siret", ${customers.email} as "email", ${customers.phone} as "phone", ${customers.mobile} as "mobile",
  ${customers.addressLine1} as "addressLine1", ${customers.addressLine2} as "addressLine2",
  ${customers.postalCode} as "postalCode", ${customers.city} as "city", ${customers.status} as "status",
  ${createdAtText} as "createdAt",
  ${customers.sortName} as "sortName",
  (select string_agg("t"."name", ', ' order by "t"."name") from ${customerTags} as "ct" join ${tags} as "t" on "t"."id" = "ct"."tag_id"
    where "ct"."customer_id" = "customers"."id") as "tags",
  ${vehicleCount} as "vehicleCount"`;

/** The export statement: same conditions and order as the list (so the same indexes serve it). */
export function listExportStatement(
  filters: ListExportFilters,
  extraWhere: SQL[],
  after: CustomerListBoundary | null,
  limit: number | null,
): SQL {
  const where = customerListWhere(filters, extraWhere);
  if (after) where.push(customerListAfter(after));
  const order = sql.join(customerListOrder(filters.sort), sql`, `);
  return sql`select ${COLUMNS} from ${customers} where ${and(...where)} order by ${order}${limit ? sql` limit ${limit}` : sql``}`;
}

interface PostgresJsConnection {
  unsafe: (
    query: string,
    params?: unknown[],
  ) => Promise<unknown> & { cursor: (rows: number) => AsyncIterable<ListExportRow[]> };
  release: () => void;
}
interface PostgresJsClient {
  reserve: () => Promise<PostgresJsConnection>;
}

/** The postgres.js client behind a drizzle database (not a transaction, not PGlite), if any. */
function postgresClient(db: DbOrTx): PostgresJsClient | null {
  const client = (db as { $client?: unknown }).$client as Partial<PostgresJsClient> | undefined;
  return client && typeof client.reserve === 'function' ? (client as PostgresJsClient) : null;
}

const dialect = new PgDialect();

/**
 * One read-only transaction on a reserved connection: one snapshot for the whole file, JIT off (the
 * plan is index-backed and starts at once; compiling it for the 100k-row estimate cost ~150 ms
 * before the first row), a client that stops reading for 5 minutes gives its connection back
 * (idle_in_transaction_session_timeout ends the export with an error; guardExportStream cuts it after
 * 60 s already), and no statement of the export runs longer than EXPORT_LIMITS.statementTimeout.
 */
async function* cursorBatches(
  client: PostgresJsClient,
  filters: ListExportFilters,
  extraWhere: SQL[],
): AsyncGenerator<ListExportRow[]> {
  const query = dialect.sqlToQuery(listExportStatement(filters, extraWhere, null, null));
  const conn = await client.reserve();
  let open = false;
  try {
    await conn.unsafe('begin isolation level repeatable read read only');
    open = true;
    await conn.unsafe(
      `set local jit = off; set local idle_in_transaction_session_timeout = '5min'; set local statement_timeout = '${EXPORT_LIMITS.statementTimeout}'`,
    );
    // Leaving this loop early (client gone) closes the portal; the finally block ends the transaction.
    yield* conn.unsafe(query.sql, query.params).cursor(LIST_EXPORT_BATCH);
    await conn.unsafe('commit');
    open = false;
  } finally {
    if (open) await conn.unsafe('rollback').catch(() => {});
    conn.release();
  }
}

async function* keysetBatches(
  db: DbOrTx,
  filters: ListExportFilters,
  extraWhere: SQL[],
): AsyncGenerator<ListExportRow[]> {
  let after: CustomerListBoundary | null = null;
  for (;;) {
    const result = await db.execute(listExportStatement(filters, extraWhere, after, LIST_EXPORT_BATCH));
    const rows = (Array.isArray(result) ? result : (result as { rows: unknown[] }).rows) as ListExportRow[];
    if (rows.length) yield rows;
    if (rows.length < LIST_EXPORT_BATCH) return;
    const last = rows[rows.length - 1];
    after =
      filters.sort === 'name'
        ? { s: 'name', n: last.sortName, id: last.id }
        : { s: 'recent', t: last.createdAt, id: last.id };
  }
}

/** Every exported row, one at a time, read batch by batch only as the consumer asks for more. */
export async function* listExportRows(
  db: DbOrTx,
  filters: ListExportFilters,
  extraWhere: SQL[] = [],
): AsyncGenerator<ListExportRow> {
  const client = postgresClient(db);
  const batches = client ? cursorBatches(client, filters, extraWhere) : keysetBatches(db, filters, extraWhere);
  for await (const batch of batches) yield* batch;
}
