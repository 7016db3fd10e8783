import 'server-only';
import { and, asc, desc, eq, isNull, or, type SQL, sql } from 'drizzle-orm';
import type { DbOrTx } from '@/db';
import { customerContacts, customers, invoices, vehicles } from '@/db/schema';
import { compactPlate, contactSearchText } from '@/db/schema/search-expressions';
import type { Actor } from '@/lib/auth/actor';
import { can } from '@/lib/auth/permissions';
import { customerDisplayName } from '@/lib/customers/schema';
import { INVOICE_STATUS_LABELS } from '@/lib/finances/labels';
import { SEARCH_GROUP_LABELS, type SearchGroupKey, type SearchItem, type SearchResponse } from './schema';
import { searchTerms } from './terms';

/**
 * Global search (top bar, `GET /api/search`): customers, contacts, vehicles and, with `finance.read`,
 * invoices, `limit` per group. Every predicate is served by an index (customers' GIN search vector,
 * the trigram indexes of migration 0009), so the cost follows the matches, not the table size.
 * Erased customers are left out exactly like the customer list does (their contacts and vehicles are
 * deleted by the erasure; their invoices stay and show only "Client effacé", which is what the row holds).
 */
export async function globalSearch(
  db: DbOrTx,
  params: { q: string; viewer: Pick<Actor, 'role'>; limit?: number },
): Promise<SearchResponse> {
  const limit = params.limit ?? 5;
  const terms = searchTerms(params.q);
  const [customerItems, contactItems, vehicleItems, invoiceItems] = await Promise.all([
    searchCustomers(db, terms, params.q, limit),
    searchContacts(db, terms, limit),
    searchVehicles(db, terms, limit),
    can(params.viewer.role, 'finance.read') ? searchInvoices(db, terms, limit) : [],
  ]);
  const groups: [SearchGroupKey, SearchItem[]][] = [
    ['customers', customerItems],
    ['contacts', contactItems],
    ['vehicles', vehicleItems],
    ['invoices', invoiceItems],
  ];
  return {
    q: params.q,
    groups: groups
      .filter(([, items]) => items.length)
      .map(([key, items]) => ({ key, label: SEARCH_GROUP_LABELS[key], items })),
  };
}

type Terms = ReturnType<typeof searchTerms>;
const customerHref = (id: string) => `/customers/${id}`;
const joined = (...parts: (string | null | undefined)[]) => parts.filter(Boolean).join(' · ');
// The owning customer's name, for the secondary line of contacts, vehicles and invoices.
const ownerName = {
  kind: customers.kind,
  firstName: customers.firstName,
  lastName: customers.lastName,
  companyName: customers.companyName,
};

async function searchCustomers(db: DbOrTx, terms: Terms, q: string, limit: number): Promise<SearchItem[]> {
  const matches: SQL[] = [];
  if (terms.customerTsquery)
    matches.push(sql`${customers.searchVector} @@ to_tsquery('simple', ${terms.customerTsquery})`);
  if (terms.numberPattern) matches.push(sql`${customers.number} ilike ${terms.numberPattern}`);
  if (!matches.length) return [];
  const rows = await db
    .select({
      id: customers.id,
      number: customers.number,
      ...ownerName,
      city: customers.city,
      archivedAt: customers.archivedAt,
    })
    .from(customers)
    .where(and(isNull(customers.erasedAt), or(...matches)))
    // The exact number first ("C-000123" typed in full), then alphabetical like the list.
    .orderBy(sql`${customers.number} = ${q.trim().toUpperCase()} desc`, asc(customers.sortName), asc(customers.id))
    .limit(limit);
  return rows.map((r) => ({
    id: r.id,
    customerId: r.id,
    label: customerDisplayName(r),
    secondary: joined(r.number, r.city, r.archivedAt ? 'Archivé' : null),
    href: customerHref(r.id),
  }));
}

async function searchContacts(db: DbOrTx, terms: Terms, limit: number): Promise<SearchItem[]> {
  const text = contactSearchText(customerContacts);
  const matches: SQL[] = [];
  if (terms.contactPatterns.length)
    matches.push(and(...terms.contactPatterns.map((p) => sql`${text} like ${p}`)) as SQL);
  if (terms.contactPhonePattern) matches.push(sql`${text} like ${`%${terms.contactPhonePattern}`}`);
  if (!matches.length) return [];
  const rows = await db
    .select({
      id: customerContacts.id,
      customerId: customerContacts.customerId,
      name: customerContacts.name,
      role: customerContacts.role,
      email: customerContacts.email,
      ...ownerName,
    })
    .from(customerContacts)
    .innerJoin(customers, eq(customers.id, customerContacts.customerId))
    .where(and(isNull(customers.erasedAt), or(...matches)))
    .orderBy(asc(customerContacts.name), asc(customerContacts.id))
    .limit(limit);
  return rows.map((r) => ({
    id: r.id,
    customerId: r.customerId,
    label: r.name,
    secondary: joined(r.role, r.email, `Client : ${customerDisplayName(r)}`),
    href: customerHref(r.customerId),
  }));
}

async function searchVehicles(db: DbOrTx, terms: Terms, limit: number): Promise<SearchItem[]> {
  if (!terms.vehiclePattern) return [];
  const rows = await db
    .select({
      id: vehicles.id,
      customerId: vehicles.customerId,
      plate: vehicles.plate,
      vin: vehicles.vin,
      make: vehicles.make,
      model: vehicles.model,
      ...ownerName,
    })
    .from(vehicles)
    .innerJoin(customers, eq(customers.id, vehicles.customerId))
    .where(
      and(
        isNull(customers.erasedAt),
        or(
          sql`${compactPlate(vehicles.plate)} like ${terms.vehiclePattern}`,
          sql`${vehicles.vin} like ${terms.vehiclePattern}`,
        ),
      ),
    )
    .orderBy(asc(vehicles.plate), asc(vehicles.id))
    .limit(limit);
  return rows.map((r) => ({
    id: r.id,
    customerId: r.customerId,
    label: r.plate ?? r.vin ?? '—',
    secondary: joined([r.make, r.model].filter(Boolean).join(' '), r.plate ? r.vin : null, customerDisplayName(r)),
    href: customerHref(r.customerId),
  }));
}

async function searchInvoices(db: DbOrTx, terms: Terms, limit: number): Promise<SearchItem[]> {
  if (!terms.numberPattern) return [];
  const rows = await db
    .select({
      id: invoices.id,
      customerId: invoices.customerId,
      number: invoices.number,
      status: invoices.status,
      ...ownerName,
    })
    .from(invoices)
    .innerJoin(customers, eq(customers.id, invoices.customerId))
    .where(sql`${invoices.number} ilike ${terms.numberPattern}`)
    .orderBy(desc(invoices.issuedAt), desc(invoices.id))
    .limit(limit);
  return rows.map((r) => ({
    id: r.id,
    customerId: r.customerId,
    label: `Facture ${r.number}`,
    secondary: joined(customerDisplayName(r), INVOICE_STATUS_LABELS[r.status]),
    href: `${customerHref(r.customerId)}/finances`,
  }));
}
