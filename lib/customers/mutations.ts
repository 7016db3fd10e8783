import 'server-only';
import { and, eq, ne, or, type SQL, sql } from 'drizzle-orm';
import type { Db, DbOrTx } from '@/db';
import { customers } from '@/db/schema';
import { type Actor, userActorId } from '@/lib/auth/actor';
import { type ActivityEntry, diffFields, withActivity } from '@/lib/audit';
import { requireCustomer } from './guard';
import { geocodeCustomerLater, offlineLocationFields, onlineGeocoderConfigured } from './geocode-on-save';
import { can } from '@/lib/auth/permissions';
import { AppError, type FieldErrors } from '@/lib/errors';
import {
  type CustomerCreateInput,
  type CustomerUpdateInput,
  customerDisplayName,
  customerFields,
  customerRuleIssues,
} from './schema';
import { buildSearchText, buildSortName, refreshCustomerSearch } from './search';
import { type CustomerRecordDto, serializeCustomer } from './serialize';
import { tagsByCustomer } from './queries';
import { erasedOn, erasedPersonMessage } from './tombstones';

export { eraseCustomer, eraseCustomerWithFiles } from './erasure';

export interface PossibleDuplicate {
  id: string;
  number: string;
  displayName: string;
  reason: 'siret' | 'email' | 'phone' | 'name';
}

// What a PATCH may change: the entity's own fields, as the create/update schemas define them.
const EDITABLE = Object.keys(customerFields) as (keyof typeof customerFields)[];

/** Same SIRET, same email (case-insensitive), same phone/mobile, or a similar name in the same postal code. */
export async function findPossibleDuplicates(
  db: DbOrTx,
  input: Partial<CustomerCreateInput>,
  excludeId?: string,
): Promise<PossibleDuplicate[]> {
  const conditions: { reason: PossibleDuplicate['reason']; where: SQL }[] = [];
  if (input.siret) conditions.push({ reason: 'siret', where: eq(customers.siret, input.siret) });
  if (input.email) conditions.push({ reason: 'email', where: sql`lower(${customers.email}) = lower(${input.email})` });
  const phones = [input.phone, input.mobile].filter((p): p is string => !!p);
  for (const p of new Set(phones)) {
    conditions.push({ reason: 'phone', where: or(eq(customers.phone, p), eq(customers.mobile, p))! });
  }
  const name = input.kind ? buildSortName({ kind: input.kind, ...input }) : '';
  if (name && input.postalCode) {
    conditions.push({
      reason: 'name',
      where: and(eq(customers.postalCode, input.postalCode), sql`similarity(${customers.sortName}, ${name}) > 0.45`)!,
    });
  }
  if (!conditions.length) return [];
  const found = new Map<string, PossibleDuplicate>();
  for (const c of conditions) {
    const filters = [c.where, sql`${customers.erasedAt} is null`];
    if (excludeId) filters.push(ne(customers.id, excludeId));
    const rows = await db
      .select({
        id: customers.id,
        number: customers.number,
        kind: customers.kind,
        firstName: customers.firstName,
        lastName: customers.lastName,
        companyName: customers.companyName,
      })
      .from(customers)
      .where(and(...filters))
      .orderBy(customers.createdAt)
      .limit(5);
    for (const r of rows) {
      if (!found.has(r.id))
        found.set(r.id, { id: r.id, number: r.number, displayName: customerDisplayName(r), reason: c.reason });
    }
    if (found.size >= 5) break;
  }
  return [...found.values()].slice(0, 5);
}

async function serializeWithTags(db: DbOrTx, row: typeof customers.$inferSelect): Promise<CustomerRecordDto> {
  const tagMap = await tagsByCustomer(db, [row.id]);
  return serializeCustomer(row, tagMap.get(row.id) ?? []);
}

/**
 * An erased person (same e-mail or SIRET as a tombstone) is not re-created silently: 409
 * `erased_person`. `confirmErased` lets a role that may erase (admin) create them deliberately,
 * e.g. when the person comes back as a new customer; the activity says so (README "Security").
 */
export async function createCustomer(
  db: Db,
  actor: Actor,
  input: CustomerCreateInput,
  opts: { confirmErased?: boolean } = {},
): Promise<{ customer: CustomerRecordDto; possibleDuplicates: PossibleDuplicate[] }> {
  if (opts.confirmErased && !can(actor.role, 'customer.delete'))
    throw AppError.forbidden('Seul un administrateur peut recréer une personne effacée.');
  const row = await withActivity(db, actor, async (tx) => {
    const erasedAt = await erasedOn(tx, { email: input.email, siret: input.siret });
    if (erasedAt && !opts.confirmErased)
      throw new AppError(
        'erased_person',
        `${erasedPersonMessage(erasedAt)} : ce client ne peut être recréé que par un administrateur, en le confirmant.`,
      );
    const [created] = await tx
      .insert(customers)
      .values({
        ...input,
        ...offlineLocationFields(input, input.agency ?? null),
        createdBy: userActorId(actor),
        sortName: buildSortName(input),
        searchText: buildSearchText(input, []),
      })
      .returning();
    return {
      value: created,
      activity: {
        customerId: created.id,
        type: 'profile',
        title: 'Client créé',
        metadata: { number: created.number, ...(erasedAt ? { recreatedAfterErasure: true } : {}) },
      },
    };
  });
  // The online geocoder (house-number precision) runs after the commit and never blocks the save.
  if ((row.postalCode || row.city) && onlineGeocoderConfigured()) geocodeCustomerLater(row.id);
  const possibleDuplicates = await findPossibleDuplicates(db, input, row.id);
  return { customer: await serializeWithTags(db, row), possibleDuplicates };
}

/**
 * Partial update with optimistic concurrency: `input.updatedAt` must equal the stored value (to the
 * millisecond), checked under a row lock so two concurrent edits cannot both win.
 */
export async function updateCustomer(
  db: Db,
  actor: Actor,
  id: string,
  input: CustomerUpdateInput,
): Promise<CustomerRecordDto> {
  let addressChanged = false;
  const row = await withActivity(db, actor, async (tx) => {
    const current = await requireCustomer(tx, id, { forUpdate: true });
    if (current.updatedAt.getTime() !== input.updatedAt.getTime()) {
      throw AppError.conflict(
        "Ce client a été modifié par quelqu'un d'autre depuis que vous l'avez ouvert. Rechargez la page pour voir la dernière version.",
      );
    }
    const { updatedAt: _ignored, ...patch } = input;
    const changes: Partial<typeof customers.$inferInsert> = {};
    for (const key of EDITABLE)
      if (key in patch && patch[key] !== undefined) (changes as Record<string, unknown>)[key] = patch[key];
    const merged = { ...current, ...changes };
    const issues = customerRuleIssues(merged);
    if (issues.length) {
      const fields: FieldErrors = {};
      for (const i of issues) (fields[i.path] ??= []).push(i.message);
      throw AppError.validation(fields);
    }
    const diff = diffFields(current as Record<string, unknown>, changes as Record<string, unknown>, EDITABLE);
    if (!Object.keys(diff).length) return { value: current, activity: null };
    addressChanged = ['addressLine1', 'postalCode', 'city', 'country'].some((k) => k in diff);
    if (addressChanged)
      Object.assign(changes, offlineLocationFields(merged, 'agency' in diff ? merged.agency : current.agency));
    const [updated] = await tx.update(customers).set(changes).where(eq(customers.id, id)).returning();
    await refreshCustomerSearch(tx, id);
    return {
      value: updated,
      activity: {
        customerId: id,
        type: 'profile',
        title: 'Fiche client modifiée',
        description: `Champs modifiés : ${Object.keys(diff).join(', ')}`,
        metadata: { changes: diff },
      },
    };
  });
  if (addressChanged && onlineGeocoderConfigured()) geocodeCustomerLater(id);
  const fresh = (await db.select().from(customers).where(eq(customers.id, id)).limit(1))[0] ?? row;
  return serializeWithTags(db, fresh);
}

export async function toggleCustomerStatus(db: Db, actor: Actor, id: string): Promise<CustomerRecordDto> {
  const row = await withActivity(db, actor, async (tx) => {
    const current = await requireCustomer(tx, id, { forUpdate: true });
    const status = current.status === 'active' ? 'inactive' : 'active';
    const [updated] = await tx.update(customers).set({ status }).where(eq(customers.id, id)).returning();
    return {
      value: updated,
      activity: {
        customerId: id,
        type: 'status',
        title: status === 'active' ? 'Client réactivé' : 'Client désactivé',
        metadata: { from: current.status, to: status },
      },
    };
  });
  return serializeWithTags(db, row);
}

export async function archiveCustomer(db: Db, actor: Actor, id: string, archived: boolean): Promise<CustomerRecordDto> {
  const row = await withActivity(db, actor, async (tx) => {
    const current = await requireCustomer(tx, id, { forUpdate: true });
    if (!!current.archivedAt === archived) return { value: current, activity: null };
    const [updated] = await tx
      .update(customers)
      .set({ archivedAt: archived ? new Date() : null })
      .where(eq(customers.id, id))
      .returning();
    return { value: updated, activity: archiveActivity(id, archived) };
  });
  return serializeWithTags(db, row);
}

/** The timeline entry of an archiving, by the customer's own action or a bulk one (`bulkCount` customers). */
export function archiveActivity(
  customerId: string,
  archived: boolean,
  extra: { bulkCount?: number } = {},
): ActivityEntry {
  return {
    customerId,
    type: 'profile',
    title: archived ? 'Client archivé' : 'Client désarchivé',
    metadata: { archived, ...extra },
  };
}
