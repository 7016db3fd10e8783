import 'server-only';
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import type { DbOrTx } from '@/db';
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
