import { and, asc, desc, eq } from 'drizzle-orm';
import type { DbOrTx } from '@/db';
import { customerContacts } from '@/db/schema';
import { requireCustomer } from '@/lib/customers/guard';
import { serializeContact } from '@/lib/customers/serialize';
import type { ContactDto } from '@/lib/customers/types';
import { AppError } from '@/lib/errors';

/** Primary contact first, then by creation. 404 when the customer does not exist. */
export async function listContacts(db: DbOrTx, customerId: string): Promise<ContactDto[]> {
  await requireCustomer(db, customerId, { allowErased: true });
  const rows = await db
    .select()
    .from(customerContacts)
    .where(eq(customerContacts.customerId, customerId))
    .orderBy(desc(customerContacts.isPrimary), asc(customerContacts.createdAt), asc(customerContacts.id));
  return rows.map(serializeContact);
}

export async function getContactRow(db: DbOrTx, customerId: string, contactId: string) {
  const [row] = await db
    .select()
    .from(customerContacts)
    .where(and(eq(customerContacts.id, contactId), eq(customerContacts.customerId, customerId)))
    .limit(1);
  return row ?? null;
}

/** A contact of another customer is "not found" for this one. */
export async function getContactOrThrow(db: DbOrTx, customerId: string, contactId: string): Promise<ContactDto> {
  const row = await getContactRow(db, customerId, contactId);
  if (!row) throw AppError.notFound('Contact introuvable.');
  return serializeContact(row);
}
