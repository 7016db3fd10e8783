import 'server-only';
import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '@/db';
import {
  consentEvents,
  customerActivity,
  customerContacts,
  customerDocuments,
  customerNotes,
  customers,
  customerTags,
  emailOutbox,
  interventions,
  legacyIdMap,
  vehicles,
} from '@/db/schema';
import type { Actor } from '@/lib/auth/actor';
import { recordActivity } from '@/lib/audit';
import { AppError } from '@/lib/errors';

export const ERASED_NAME = 'Client effacé';

/**
 * GDPR erasure (issue 8), in ONE transaction:
 * - the customer row stays (invoices and payments reference it and must be kept 10 years) but every
 *   personal field is replaced: name → "Client effacé", contact channels, address, identifiers and
 *   coordinates → null; number, kind, agency and dates are kept; status inactive; erasedAt set;
 * - contacts, vehicles, notes, tags, documents (rows; files removed by the caller after commit),
 *   legacy ids, outbox emails and all activity are deleted, then one erasure entry is written;
 * - consent_events: grants are deleted, withdrawals keep only purpose/channel/granted/date/actor as
 *   minimal proof of withdrawal (IP, user agent, proof text and document link removed); this is the
 *   one place allowed past the append-only trigger (`c360.gdpr_erasure`, transaction-local);
 * - interventions are kept for anonymous statistics, without their free text (request, work done,
 *   cancellation reason) nor their address;
 * - invoices and payments are kept unchanged (they carry no personal fields of their own).
 * Returns the storage keys of the deleted documents: the caller deletes the files after commit.
 */
export async function eraseCustomer(db: Db, actor: Actor, id: string): Promise<{ storageKeys: string[] }> {
  return db.transaction(async (tx) => {
    const [current] = await tx.select().from(customers).where(eq(customers.id, id)).for('update').limit(1);
    if (!current) throw AppError.notFound('Client introuvable.');
    if (current.erasedAt) throw AppError.conflict('Les données de ce client ont déjà été effacées.');

    await tx.execute(sql`select set_config('c360.gdpr_erasure', 'on', true)`);

    const docs = await tx
      .delete(customerDocuments)
      .where(eq(customerDocuments.customerId, id))
      .returning({ storageKey: customerDocuments.storageKey });
    await tx.delete(customerContacts).where(eq(customerContacts.customerId, id));
    await tx.delete(vehicles).where(eq(vehicles.customerId, id));
    await tx.delete(customerNotes).where(eq(customerNotes.customerId, id));
    await tx.delete(customerTags).where(eq(customerTags.customerId, id));
    await tx.delete(legacyIdMap).where(eq(legacyIdMap.customerId, id));
    await tx.delete(emailOutbox).where(eq(emailOutbox.customerId, id));
    await tx.delete(customerActivity).where(eq(customerActivity.customerId, id));
    await tx
      .update(interventions)
      .set({ description: null, workDone: null, cancelReason: null, addressLine1: null, postalCode: null, city: null })
      .where(eq(interventions.customerId, id));
    await tx.delete(consentEvents).where(and(eq(consentEvents.customerId, id), eq(consentEvents.granted, true)));
    await tx
      .update(consentEvents)
      .set({ ip: null, userAgent: null, proofText: null, documentId: null })
      .where(eq(consentEvents.customerId, id));

    const now = new Date();
    await tx
      .update(customers)
      .set({
        firstName: null,
        lastName: ERASED_NAME,
        companyName: null,
        siret: null,
        vatNumber: null,
        email: null,
        phone: null,
        mobile: null,
        addressLine1: null,
        addressLine2: null,
        postalCode: null,
        city: null,
        latitude: null,
        longitude: null,
        geocodePrecision: null,
        geocodeSource: null,
        status: 'inactive',
        archivedAt: current.archivedAt ?? now,
        erasedAt: now,
        sortName: 'client efface',
        searchText: '',
      })
      .where(eq(customers.id, id));

    await recordActivity(tx, actor, {
      customerId: id,
      type: 'system',
      title: 'Données personnelles effacées (RGPD)',
      description: 'Factures et paiements conservés (obligation comptable de 10 ans).',
      metadata: { erasedAt: now.toISOString(), documentsDeleted: docs.length },
      occurredAt: now,
    });
    return { storageKeys: docs.map((d) => d.storageKey) };
  });
}

/** Erasure then removal of the stored files once the transaction has committed (retried, logged on failure). */
export async function eraseCustomerWithFiles(
  db: Db,
  actor: Actor,
  id: string,
): Promise<{ storageKeys: string[]; failedKeys: string[] }> {
  const { storageKeys } = await eraseCustomer(db, actor, id);
  const { deleteStoredFiles } = await import('@/lib/storage');
  const { failed } = await deleteStoredFiles(storageKeys);
  return { storageKeys, failedKeys: failed };
}
