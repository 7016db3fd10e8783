import 'server-only';
import { eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { DbOrTx } from '@/db';
import { prepared } from '@/db/prepared';
import { customers } from '@/db/schema';
import { AppError } from '@/lib/errors';

export type CustomerRow = typeof customers.$inferSelect;

export const CUSTOMER_NOT_FOUND = 'Client introuvable.';
export const CUSTOMER_ERASED = "Ce client a été effacé (RGPD) : aucune modification n'est possible.";

const uuid = z.guid();

/**
 * The one "does this customer exist" check, for every read and write about a customer's children.
 * Unknown (or malformed) id → 404. Erased → 409 unless `allowErased`: writes never add data to an
 * anonymised record (README, GDPR erasure), reads pass it so its lists answer 200 with what is left.
 * `forUpdate` locks the row for the rest of the transaction (writes that must not race an erasure).
 */
export async function requireCustomer(
  db: DbOrTx,
  id: string,
  { allowErased = false, forUpdate = false }: { allowErased?: boolean; forUpdate?: boolean } = {},
): Promise<CustomerRow> {
  if (!uuid.safeParse(id).success) throw AppError.notFound(CUSTOMER_NOT_FOUND);
  const query = db.select().from(customers).where(eq(customers.id, id)).limit(1);
  const [row] = forUpdate ? await query.for('update') : await query;
  if (!row) throw AppError.notFound(CUSTOMER_NOT_FOUND);
  if (row.erasedAt && !allowErased) throw AppError.conflict(CUSTOMER_ERASED);
  return row;
}

/** What a read needs to know about the customer it reads under. */
export type ReadableCustomer = Pick<CustomerRow, 'id' | 'erasedAt' | 'status'>;

/**
 * `requireCustomer(db, id, { allowErased: true })` for the API's reads, in one light prepared query:
 * three columns instead of the whole row (search text and vector included), no query building. Same
 * answers: unknown or malformed id → 404; an erased customer is readable (its lists answer what is left).
 * Who may read at all is the route's permission (withAuth); customers have no per-row visibility.
 */
export async function requireReadableCustomer(db: DbOrTx, id: string): Promise<ReadableCustomer> {
  if (!uuid.safeParse(id).success) throw AppError.notFound(CUSTOMER_NOT_FOUND);
  const [row] = await prepared(db, 'readable_customer', (d) =>
    d
      .select({ id: customers.id, erasedAt: customers.erasedAt, status: customers.status })
      .from(customers)
      .where(eq(customers.id, sql.placeholder('id')))
      .limit(1)
      .prepare('readable_customer'),
  ).execute({ id });
  if (!row) throw AppError.notFound(CUSTOMER_NOT_FOUND);
  return row;
}
