import { and, eq, ne } from 'drizzle-orm';
import type { Db, Tx } from '@/db';
import { customerContacts } from '@/db/schema';
import type { Actor } from '@/lib/auth/actor';
import { diffFields, withActivity } from '@/lib/audit';
import { requireCustomer } from '@/lib/customers/guard';
import { serializeContact } from '@/lib/customers/serialize';
import type { ContactDto } from '@/lib/customers/types';
import { AppError } from '@/lib/errors';
import type { ContactCreateInput, ContactUpdateInput } from './schema';

const FIELDS = ['name', 'role', 'email', 'phone', 'isPrimary'] as const;

async function lockContact(tx: Tx, customerId: string, contactId: string) {
  const [row] = await tx
    .select()
    .from(customerContacts)
    .where(and(eq(customerContacts.id, contactId), eq(customerContacts.customerId, customerId)))
    .for('update')
    .limit(1);
  if (!row) throw AppError.notFound('Contact introuvable.');
  return row;
}

/** Only one primary contact per customer: making one primary demotes the others (same transaction). */
async function demoteOthers(tx: Tx, customerId: string, keepId: string) {
  await tx
    .update(customerContacts)
    .set({ isPrimary: false })
    .where(
      and(
        eq(customerContacts.customerId, customerId),
        ne(customerContacts.id, keepId),
        eq(customerContacts.isPrimary, true),
      ),
    );
}

export async function createContact(
  db: Db,
  actor: Actor,
  customerId: string,
  input: ContactCreateInput,
): Promise<ContactDto> {
  return withActivity(db, actor, async (tx) => {
    await requireCustomer(tx, customerId, { forUpdate: true });
    const [row] = await tx
      .insert(customerContacts)
      .values({
        customerId,
        name: input.name,
        role: input.role,
        email: input.email,
        phone: input.phone,
        isPrimary: input.isPrimary ?? false,
      })
      .returning();
    if (row.isPrimary) await demoteOthers(tx, customerId, row.id);
    return {
      value: serializeContact(row),
      activity: {
        customerId,
        type: 'profile',
        title: `Contact ajouté : ${row.name}`,
        relatedType: 'contact',
        relatedId: row.id,
      },
    };
  });
}

export async function updateContact(
  db: Db,
  actor: Actor,
  customerId: string,
  contactId: string,
  input: ContactUpdateInput,
): Promise<ContactDto> {
  return withActivity(db, actor, async (tx) => {
    await requireCustomer(tx, customerId, { forUpdate: true });
    const current = await lockContact(tx, customerId, contactId);
    if (input.updatedAt && input.updatedAt.getTime() !== current.updatedAt.getTime()) {
      throw AppError.conflict("Ce contact a été modifié par quelqu'un d'autre. Rechargez la page.");
    }
    const changes: Partial<typeof customerContacts.$inferInsert> = {};
    for (const key of FIELDS) if (input[key] !== undefined) (changes as Record<string, unknown>)[key] = input[key];
    const diff = diffFields(current as Record<string, unknown>, changes as Record<string, unknown>, FIELDS);
    if (!Object.keys(diff).length) return { value: serializeContact(current), activity: null };
    const [row] = await tx.update(customerContacts).set(changes).where(eq(customerContacts.id, contactId)).returning();
    if (row.isPrimary && !current.isPrimary) await demoteOthers(tx, customerId, row.id);
    return {
      value: serializeContact(row),
      activity: {
        customerId,
        type: 'profile',
        title: `Contact modifié : ${row.name}`,
        metadata: { changes: diff },
        relatedType: 'contact',
        relatedId: row.id,
      },
    };
  });
}

export async function deleteContact(db: Db, actor: Actor, customerId: string, contactId: string): Promise<void> {
  await withActivity(db, actor, async (tx) => {
    await requireCustomer(tx, customerId, { forUpdate: true });
    const current = await lockContact(tx, customerId, contactId);
    await tx.delete(customerContacts).where(eq(customerContacts.id, contactId));
    return {
      value: undefined,
      activity: {
        customerId,
        type: 'profile',
        title: `Contact supprimé : ${current.name}`,
        relatedType: 'contact',
        relatedId: contactId,
      },
    };
  });
}
