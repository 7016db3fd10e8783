import 'server-only';
import { and, count, eq, inArray, sql } from 'drizzle-orm';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import { type Db, type DbOrTx, getDb } from '@/db';
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
  invoices,
  legacyIdMap,
  payments,
  refunds,
  creditNotes,
  vehicles,
  tasks,
} from '@/db/schema';
import type { Actor } from '@/lib/auth/actor';
import { recordActivity } from '@/lib/audit';
import { AppError } from '@/lib/errors';
import { getCustomerRow } from '@/lib/customers/queries';
import { customerDisplayName, customerRuleIssues } from '@/lib/customers/schema';
import { refreshCustomerSearch } from '@/lib/customers/search';
import { pickLabels } from '@/lib/customers/labels';

/**
 * Merging two customers that are one: the survivor keeps, field by field, the value chosen
 * ('survivor' or 'merged'); every child row of the merged customer is re-parented to the survivor;
 * tags are united; the merge is recorded on both timelines (the merged customer's timeline moves
 * with it, including its own "merged into" entry); then the merged row is deleted. One
 * transaction, and the child counts are checked before commit: nothing is lost.
 */
export const MERGE_FIELDS = [
  'kind',
  'firstName',
  'lastName',
  'companyName',
  'siret',
  'vatNumber',
  'email',
  'phone',
  'mobile',
  'address',
  'agency',
  'status',
] as const;
export type MergeField = (typeof MERGE_FIELDS)[number];
export type MergeChoices = Partial<Record<MergeField, 'survivor' | 'merged'>>;

export const MERGE_FIELD_LABELS: Record<MergeField, string> = {
  ...pickLabels(MERGE_FIELDS),
  address: 'Adresse (avec coordonnées)',
};

// The address moves as a block: mixing one customer's street with the other's city is never right.
const ADDRESS_COLUMNS = [
  'addressLine1',
  'addressLine2',
  'postalCode',
  'city',
  'country',
  'latitude',
  'longitude',
  'geocodePrecision',
  'geocodeSource',
] as const;

const CHILD_TABLES: { name: string; table: PgTable; customerId: PgColumn }[] = [
  { name: 'contacts', table: customerContacts, customerId: customerContacts.customerId },
  { name: 'vehicles', table: vehicles, customerId: vehicles.customerId },
  { name: 'notes', table: customerNotes, customerId: customerNotes.customerId },
  { name: 'tasks', table: tasks, customerId: tasks.customerId },
  { name: 'documents', table: customerDocuments, customerId: customerDocuments.customerId },
  { name: 'activities', table: customerActivity, customerId: customerActivity.customerId },
  { name: 'interventions', table: interventions, customerId: interventions.customerId },
  { name: 'invoices', table: invoices, customerId: invoices.customerId },
  { name: 'payments', table: payments, customerId: payments.customerId },
  { name: 'creditNotes', table: creditNotes, customerId: creditNotes.customerId },
  { name: 'refunds', table: refunds, customerId: refunds.customerId },
  { name: 'consents', table: consentEvents, customerId: consentEvents.customerId },
  { name: 'emails', table: emailOutbox, customerId: emailOutbox.customerId },
  { name: 'legacyIds', table: legacyIdMap, customerId: legacyIdMap.customerId },
];

export async function childCounts(db: DbOrTx, ids: string[]): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const { name, table, customerId } of CHILD_TABLES) {
    const [{ n }] = await db.select({ n: count() }).from(table).where(inArray(customerId, ids));
    out[name] = Number(n);
  }
  return out;
}

export interface MergeResult {
  survivorId: string;
  mergedId: string;
  mergedNumber: string;
  moved: Record<string, number>;
  tagsAdded: number;
}

export async function mergeCustomers(
  db: Db,
  actor: Actor,
  survivorId: string,
  mergedId: string,
  choices: MergeChoices,
): Promise<MergeResult> {
  if (survivorId === mergedId) throw AppError.validation({ mergedId: ['Choisissez deux clients différents.'] });
  return db.transaction(async (tx) => {
    // Lock both rows in a fixed order so two concurrent merges cannot deadlock.
    const locked = await tx
      .select()
      .from(customers)
      .where(inArray(customers.id, [survivorId, mergedId]))
      .orderBy(customers.id)
      .for('update');
    const survivor = locked.find((c) => c.id === survivorId);
    const merged = locked.find((c) => c.id === mergedId);
    if (!survivor || !merged) throw AppError.notFound('Client introuvable.');
    if (survivor.erasedAt || merged.erasedAt)
      throw AppError.conflict('Un client effacé (RGPD) ne peut pas être fusionné.');

    const update: Record<string, unknown> = {};
    const taken: string[] = [];
    for (const field of MERGE_FIELDS) {
      if (choices[field] !== 'merged') continue;
      taken.push(field);
      if (field === 'address') for (const col of ADDRESS_COLUMNS) update[col] = merged[col];
      else update[field] = merged[field];
    }
    const result = { ...survivor, ...update } as typeof survivor;
    const issues = customerRuleIssues(result);
    if (issues.length)
      throw AppError.validation(
        Object.fromEntries(issues.map((i) => [i.path, [i.message]])),
        'La fiche fusionnée serait incomplète.',
      );

    const before = await childCounts(tx, [survivorId, mergedId]);
    const movedFromMerged = await childCounts(tx, [mergedId]);

    // The merged customer's own timeline says where it went (this entry moves with the others).
    await recordActivity(tx, actor, {
      customerId: mergedId,
      type: 'merge',
      title: `Fusionné dans ${survivor.number}`,
      description: `${customerDisplayName(merged)} (${merged.number}) a été fusionné dans ${customerDisplayName(survivor)}.`,
      metadata: { survivorId, survivorNumber: survivor.number, mergedNumber: merged.number },
      relatedType: 'customer',
      relatedId: survivorId,
    });

    for (const { name, table, customerId } of CHILD_TABLES) {
      if (name === 'consents') {
        // consent_events is append-only (trigger). Re-parenting the events to the survivor keeps
        // every proof exactly as recorded (purpose, channel, text, document, actor, date); only the
        // customer it belongs to changes, because the two records were one person. The trigger
        // allows UPDATE when c360.gdpr_erasure is on; it is set for this transaction only and
        // switched off again right after this one statement.
        await tx.execute(sql`select set_config('c360.gdpr_erasure', 'on', true)`);
        await tx.update(consentEvents).set({ customerId: survivorId }).where(eq(consentEvents.customerId, mergedId));
        await tx.execute(sql`select set_config('c360.gdpr_erasure', 'off', true)`);
        continue;
      }
      await tx
        .update(table)
        .set({ customerId: survivorId } as never)
        .where(eq(customerId, mergedId));
    }

    const mergedTags = await tx
      .select({ tagId: customerTags.tagId })
      .from(customerTags)
      .where(eq(customerTags.customerId, mergedId));
    let tagsAdded = 0;
    if (mergedTags.length) {
      const added = await tx
        .insert(customerTags)
        .values(mergedTags.map((t) => ({ customerId: survivorId, tagId: t.tagId })))
        .onConflictDoNothing()
        .returning({ tagId: customerTags.tagId });
      tagsAdded = added.length;
    }

    if (Object.keys(update).length) await tx.update(customers).set(update).where(eq(customers.id, survivorId));
    else await tx.update(customers).set({ updatedAt: new Date() }).where(eq(customers.id, survivorId));

    await recordActivity(tx, actor, {
      customerId: survivorId,
      type: 'merge',
      title: `Fusion avec ${merged.number}`,
      description: `${customerDisplayName(merged)} (${merged.number}) fusionné dans cette fiche.`,
      metadata: {
        mergedId,
        mergedNumber: merged.number,
        fieldsTakenFromMerged: taken,
        moved: movedFromMerged,
        tagsAdded,
        // The merged record as it was, so the merge can be understood (and undone by hand) later.
        mergedSnapshot: { ...merged, searchText: undefined, searchVector: undefined },
      },
      relatedType: 'customer',
      relatedId: mergedId,
    });

    // Nothing references the merged row any more (invoices restrict deletes: they have moved).
    await tx.delete(customers).where(and(eq(customers.id, mergedId)));
    await refreshCustomerSearch(tx, survivorId);

    const after = await childCounts(tx, [survivorId]);
    for (const [name, n] of Object.entries(before)) {
      const expected = name === 'activities' ? n + 2 : n;
      if (after[name] !== expected)
        throw new Error(`Fusion annulée : ${name} ${expected} attendus, ${after[name]} trouvés.`);
    }
    return { survivorId, mergedId, mergedNumber: merged.number, moved: movedFromMerged, tagsAdded };
  });
}

/** Merge page: both customers as stored (erased ones included, null when unknown) and their child counts. */
export async function loadMergeCandidates(survivorId: string, mergedId: string) {
  const db = getDb();
  const [survivor, merged, survivorCounts, mergedCounts] = await Promise.all([
    getCustomerRow(db, survivorId),
    getCustomerRow(db, mergedId),
    childCounts(db, [survivorId]),
    childCounts(db, [mergedId]),
  ]);
  return { survivor, merged, survivorCounts, mergedCounts };
}
