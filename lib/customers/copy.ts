import { eq } from 'drizzle-orm';
import type { Db } from '@/db';
import { customerContacts, customers, customerTags } from '@/db/schema';
import { type Actor, userActorId } from '@/lib/auth/actor';
import { withActivity } from '@/lib/audit';
import { AppError } from '@/lib/errors';
import { COPY_UNREACHABLE } from './copy-fields';
import type { CopyInput } from './copy-schema';
import { requireCustomer } from './guard';
import { tagsByCustomer } from './queries';
import { customerDisplayName } from './schema';
import { buildSearchText, buildSortName, refreshCustomerSearch } from './search';
import { type CustomerRecordDto, serializeCustomer } from './serialize';

/**
 * Copy a customer ("Dupliquer" in the UI; not to be confused with lib/duplicates/, which finds and merges
 * two records of the same person): a new customer with the same identity, address and
 * coordinates, contacts and tags — typically another site of the same company or a relative at the
 * same address. Identifiers that must stay unique or personal (COPY_CLEARED_FIELDS: email, SIRET,
 * VAT number, phone numbers unless `keepPhones`) are cleared; the copy takes the e-mail and phones
 * given instead and must end with at least one of them (never an unreachable customer: 422 on
 * `email` otherwise, nothing written). Vehicles, notes, history, documents, consents and finances
 * are NOT copied. The name gets " (copie)". Both customers get an activity pointing at the other.
 * One transaction.
 */
export const COPY_SUFFIX = ' (copie)';

function withSuffix(value: string | null, max: number): string | null {
  if (!value) return value;
  return value.slice(0, max - COPY_SUFFIX.length) + COPY_SUFFIX;
}

export async function copyCustomer(
  db: Db,
  actor: Actor,
  id: string,
  opts: Partial<CopyInput> = {},
): Promise<CustomerRecordDto> {
  const created = await withActivity(db, actor, async (tx) => {
    // Unknown → 404, erased → 409 (a tombstone has nothing left to copy).
    const src = await requireCustomer(tx, id, { forUpdate: true });
    const isCompany = src.kind === 'company';
    const reach = {
      email: opts.email ?? null,
      phone: opts.phone ?? (opts.keepPhones ? src.phone : null),
      mobile: opts.mobile ?? (opts.keepPhones ? src.mobile : null),
    };
    if (!reach.email && !reach.phone && !reach.mobile)
      throw AppError.validation({ email: [COPY_UNREACHABLE] }, COPY_UNREACHABLE);
    const copy = {
      kind: src.kind,
      firstName: src.firstName,
      lastName: isCompany ? src.lastName : withSuffix(src.lastName, 100),
      companyName: isCompany ? withSuffix(src.companyName, 200) : src.companyName,
      siret: null,
      vatNumber: null,
      ...reach,
      addressLine1: src.addressLine1,
      addressLine2: src.addressLine2,
      postalCode: src.postalCode,
      city: src.city,
      country: src.country,
      latitude: src.latitude,
      longitude: src.longitude,
      geocodePrecision: src.geocodePrecision,
      geocodeSource: src.geocodeSource,
      agency: src.agency,
    };
    const [row] = await tx
      .insert(customers)
      .values({
        ...copy,
        status: 'active',
        createdBy: userActorId(actor),
        sortName: buildSortName(copy),
        searchText: buildSearchText(copy, []),
      })
      .returning();
    const contacts = await tx.select().from(customerContacts).where(eq(customerContacts.customerId, src.id));
    if (contacts.length)
      await tx.insert(customerContacts).values(
        contacts.map((c) => ({
          customerId: row.id,
          name: c.name,
          role: c.role,
          email: c.email,
          phone: c.phone,
          isPrimary: c.isPrimary,
        })),
      );
    const tagRows = await tx
      .select({ tagId: customerTags.tagId })
      .from(customerTags)
      .where(eq(customerTags.customerId, src.id));
    if (tagRows.length)
      await tx.insert(customerTags).values(tagRows.map((t) => ({ customerId: row.id, tagId: t.tagId })));
    await refreshCustomerSearch(tx, row.id);
    const copied = { contacts: contacts.length, tags: tagRows.length, keepPhones: !!opts.keepPhones };
    return {
      value: row,
      activity: [
        {
          customerId: row.id,
          type: 'system',
          title: `Créé par duplication de ${src.number}`,
          description: `Copie de ${customerDisplayName(src)} : identité, adresse, contacts et étiquettes.`,
          metadata: { sourceId: src.id, sourceNumber: src.number, ...copied },
          relatedType: 'customer',
          relatedId: src.id,
        },
        {
          customerId: src.id,
          type: 'system',
          title: `Dupliqué vers ${row.number}`,
          description: `Nouvelle fiche ${customerDisplayName(row)}.`,
          metadata: { copyId: row.id, copyNumber: row.number, ...copied },
          relatedType: 'customer',
          relatedId: row.id,
        },
      ],
    };
  });
  const [fresh] = await db.select().from(customers).where(eq(customers.id, created.id));
  return serializeCustomer(fresh, (await tagsByCustomer(db, [fresh.id])).get(fresh.id) ?? []);
}
