import 'server-only';
import { and, asc, desc, eq, gte, isNull, lt, or, type SQL, sql } from 'drizzle-orm';
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
 * the trigram indexes of migration 0012), so the cost follows the matches, not the table size.
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
/**
 * Matches read per group before they are ordered: a broad fragment ("lyon", "2024") matches
 * thousands of rows, and ordering them all would read each from the heap. Past this many, the list
 * shows the first `limit` of a bounded set; the user types more to narrow it.
 */
export const CANDIDATES = 200;

async function searchCustomers(db: DbOrTx, terms: Terms, q: string, limit: number): Promise<SearchItem[]> {
  const fields = {
    id: customers.id,
    number: customers.number,
    ...ownerName,
    city: customers.city,
    archivedAt: customers.archivedAt,
    sortName: customers.sortName,
  };
  const visible = isNull(customers.erasedAt);
  // A number typed in full comes first (unique btree: one row at most).
  const exact = db
    .select(fields)
    .from(customers)
    .where(and(visible, eq(customers.number, q.trim().toUpperCase())));
  const matches: SQL[] = [];
  if (terms.customerTsquery)
    matches.push(sql`${customers.searchVector} @@ to_tsquery('simple', ${terms.customerTsquery})`);
  if (terms.numberPattern) matches.push(sql`${customers.number} ilike ${terms.numberPattern}`);
  const m = db
    .select(fields)
    .from(customers)
    .where(and(visible, or(...matches)))
    .limit(CANDIDATES)
    .as('m');
  const others = terms.namePrefix
    ? db
        .select(fields)
        .from(customers)
        .where(
          and(visible, gte(customers.sortName, terms.namePrefix.from), lt(customers.sortName, terms.namePrefix.to)),
        )
        .orderBy(asc(customers.sortName), asc(customers.id))
        .limit(limit)
    : matches.length
      ? db.select().from(m).orderBy(asc(m.sortName), asc(m.id)).limit(limit)
      : [];
  const [first, rest] = await Promise.all([exact, others]);
  const rows = [...first, ...rest.filter((r) => r.id !== first[0]?.id)].slice(0, limit);
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
  const m = db
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
    .limit(CANDIDATES)
    .as('m');
  const rows = await db.select().from(m).orderBy(asc(m.name), asc(m.id)).limit(limit);
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
  const m = db
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
    .limit(CANDIDATES)
    .as('m');
  const rows = await db.select().from(m).orderBy(asc(m.plate), asc(m.id)).limit(limit);
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
  const m = db
    .select({
      id: invoices.id,
      customerId: invoices.customerId,
      number: invoices.number,
      status: invoices.status,
      issuedAt: invoices.issuedAt,
      ...ownerName,
    })
    .from(invoices)
    .innerJoin(customers, eq(customers.id, invoices.customerId))
    .where(sql`${invoices.number} ilike ${terms.numberPattern}`)
    .limit(CANDIDATES)
    .as('m');
  const rows = await db.select().from(m).orderBy(desc(m.issuedAt), desc(m.id)).limit(limit);
  return rows.map((r) => ({
    id: r.id,
    customerId: r.customerId,
    label: `Facture ${r.number}`,
    secondary: joined(customerDisplayName(r), INVOICE_STATUS_LABELS[r.status]),
    href: `${customerHref(r.customerId)}/finances`,
  }));
}
