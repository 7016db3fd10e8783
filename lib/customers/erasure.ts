// No 'server-only' marker: `npm run restore` (a CLI) re-applies tombstones through this module.
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
  geocodeCache,
  interventions,
  legacyIdMap,
  vehicles,
  tasks,
} from '@/db/schema';
import type { Actor } from '@/lib/auth/actor';
import { recordActivity } from '@/lib/audit';
import { AppError } from '@/lib/errors';
import { geocodeCacheKey } from '@/lib/geo/cache-key';
import { appendTombstoneLedger, type Tombstone, writeTombstones } from './tombstones';

export const ERASED_NAME = 'Client effacé';

/**
 * GDPR erasure (issue 8), in ONE transaction:
 * - the customer row stays (invoices and payments reference it and must be kept 10 years) but every
 *   personal field is replaced: name → "Client effacé", contact channels, address, identifiers and
 *   coordinates → null; number, kind, agency and dates are kept; status inactive; erasedAt set;
 * - contacts, vehicles, notes, tasks, tags, documents (rows; files removed by the caller after commit),
 *   legacy ids, outbox emails and all activity are deleted, then one erasure entry is written;
 * - consent_events: grants are deleted, withdrawals keep only purpose/channel/granted/date/actor as
 *   minimal proof of withdrawal (IP, user agent, proof text and document link removed); this is the
 *   one place allowed past the append-only trigger (`c360.gdpr_erasure`, transaction-local);
 * - interventions are kept for anonymous statistics, without their free text (request, work done,
 *   cancellation reason) nor their address;
 * - invoices and payments are kept unchanged (they carry no personal fields of their own);
 * - a tombstone (keyed hashes of the legacy ids, e-mail and SIRET, and the date) is written so that
 *   neither an import nor a create brings the person back silently; the geocode cache entry of
 *   the address is deleted (README "Security").
 * Returns the storage keys of the deleted documents (the caller deletes the files after commit)
 * and the tombstones (the caller appends them to the ledger kept beside the backups).
 */
export async function eraseCustomer(
  db: Db,
  actor: Actor,
  id: string,
): Promise<{ storageKeys: string[]; tombstones: Tombstone[] }> {
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
    // Task titles are free text about the person (« Rappeler Mme Durand »): gone with the notes.
    await tx.delete(tasks).where(eq(tasks.customerId, id));
    await tx.delete(customerTags).where(eq(customerTags.customerId, id));
    const legacy = await tx
      .delete(legacyIdMap)
      .where(eq(legacyIdMap.customerId, id))
      .returning({ legacyId: legacyIdMap.legacyId });
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
    const tombstones = await writeTombstones(
      tx,
      { legacyIds: legacy.map((l) => l.legacyId), email: current.email, siret: current.siret },
      now,
    );
    await tx
      .delete(geocodeCache)
      .where(
        eq(
          geocodeCache.key,
          geocodeCacheKey({ line1: current.addressLine1, postalCode: current.postalCode, city: current.city }),
        ),
      );
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
    return { storageKeys: docs.map((d) => d.storageKey), tombstones };
  });
}

/**
 * After the erasure has committed, the copies outside the database: the stored files (retried,
 * logged on failure), the customer's rows in the import backups, and the tombstone ledger beside
 * the backups (so a restore of an older archive re-applies the erasure). Failures are logged, never
 * undo the erasure: the database no longer holds the person either way.
 */
export async function eraseCustomerWithFiles(
  db: Db,
  actor: Actor,
  id: string,
): Promise<{ storageKeys: string[]; failedKeys: string[] }> {
  const { storageKeys, tombstones } = await eraseCustomer(db, actor, id);
  const { deleteStoredFiles } = await import('@/lib/storage');
  const { failed } = await deleteStoredFiles(storageKeys);
  await appendTombstoneLedger(tombstones).catch((error: unknown) =>
    console.error('[erasure] could not append to the tombstone ledger', error),
  );
  const { purgeCustomerFromImportBackups } = await import('@/lib/legacy-import/backup');
  await purgeCustomerFromImportBackups(id).catch((error: unknown) =>
    console.error('[erasure] could not purge the import backups', error),
  );
  return { storageKeys, failedKeys: failed };
}
