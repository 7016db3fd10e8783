import { asc, eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '@/db';
import { customers, vehicles } from '@/db/schema';

/** Lower-case, accents stripped: what search_text and sort_name are made of. */
export function normalizeText(s: string | null | undefined): string {
  if (!s) return '';
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase();
}

/** E.164 → ["33612345678", "0612345678"] so both spellings are found by a prefix search. */
export function phoneSearchForms(e164: string | null | undefined): string[] {
  if (!e164) return [];
  const digits = e164.replace(/\D/g, '');
  if (!digits) return [];
  const forms = [digits];
  if (digits.startsWith('33') && digits.length === 11) forms.push(`0${digits.slice(2)}`);
  return forms;
}

/** "lastname firstname" for people, the company name for companies: the alphabetical sort key. */
export function buildSortName(c: {
  kind: string;
  firstName?: string | null;
  lastName?: string | null;
  companyName?: string | null;
}): string {
  const raw =
    c.kind === 'company' && c.companyName
      ? c.companyName
      : [c.lastName, c.firstName].filter(Boolean).join(' ') || c.companyName || '';
  return normalizeText(raw).replace(/\s+/g, ' ').trim();
}

type SearchSource = {
  firstName?: string | null;
  lastName?: string | null;
  companyName?: string | null;
  email?: string | null;
  phone?: string | null;
  mobile?: string | null;
  city?: string | null;
  postalCode?: string | null;
  siret?: string | null;
};

/**
 * The text behind the GIN-indexed tsvector: alphanumeric words only; plates also compact, so
 * "martin@", "exemple", "AB-123" or "AB123CD" all find them by prefix.
 */
export function buildSearchText(c: SearchSource, plates: readonly (string | null | undefined)[]): string {
  const parts: string[] = [];
  // Only letters and digits reach the tsvector: the parser reads "ab-481" as "ab" + the signed
  // integer "-481", so punctuation is turned into spaces (the query side splits the same way).
  const add = (v: string | null | undefined) => {
    const n = normalizeText(v)
      .replace(/[^\p{L}\p{N}]+/gu, ' ')
      .trim();
    if (n) parts.push(n);
  };
  add(c.firstName);
  add(c.lastName);
  add(c.companyName);
  add(c.email);
  for (const p of [c.phone, c.mobile]) for (const form of phoneSearchForms(p)) parts.push(form);
  add(c.city);
  add(c.postalCode);
  add(c.siret);
  for (const plate of plates) {
    if (!plate) continue;
    add(plate);
    add(normalizeText(plate).replace(/[^\p{L}\p{N}]+/gu, '')); // "AB123CD" typed without dashes
  }
  return [...new Set(parts)].join(' ').replace(/\s+/g, ' ').trim();
}

/** Recomputes customers.search_text / sort_name from the row and its vehicles (same transaction). */
export async function refreshCustomerSearch(tx: DbOrTx, customerId: string): Promise<void> {
  const [row] = await tx.select().from(customers).where(eq(customers.id, customerId)).limit(1);
  if (!row) return;
  if (row.erasedAt) {
    // An erased customer must not be findable by anything it used to contain.
    await tx
      .update(customers)
      .set({ searchText: '', updatedAt: sql`${customers.updatedAt}` })
      .where(eq(customers.id, customerId));
    return;
  }
  const vs = await tx
    .select({ plate: vehicles.plate, vin: vehicles.vin })
    .from(vehicles)
    .where(eq(vehicles.customerId, customerId))
    // A stable order: the same vehicles give the same text (no rewrite when only row order changed).
    .orderBy(asc(vehicles.createdAt), asc(vehicles.id));
  const searchText = buildSearchText(row, [...vs.map((v) => v.plate), ...vs.map((v) => v.vin)]);
  const sortName = buildSortName(row);
  if (searchText === row.searchText && sortName === row.sortName) return;
  // Keep updated_at: a derived column changing must not make a user's open edit form stale.
  await tx
    .update(customers)
    .set({ searchText, sortName, updatedAt: sql`${customers.updatedAt}` })
    .where(eq(customers.id, customerId));
}

const MAX_TOKENS = 8;
const PHONE_LIKE = /^[+\d\s().\-/]+$/;

/**
 * User input → a to_tsquery('simple', …) string, or null when nothing searchable remains. Only
 * letters and digits survive (quoted), so no tsquery operator can be injected. Each token is a
 * prefix (`'tok':*`), all tokens must match; phone-like input also matches its digits joined
 * (national "0612…" and international "33612…" forms).
 */
export function buildSearchQuery(q: string | null | undefined): string | null {
  if (!q) return null;
  const text = normalizeText(q.slice(0, 200));
  const tokens = [...new Set(text.split(/[^\p{L}\p{N}]+/u).filter(Boolean))].slice(0, MAX_TOKENS);
  if (!tokens.length) return null;
  const all = tokens.map((t) => `'${t}':*`).join(' & ');
  const trimmed = q.trim();
  if (PHONE_LIKE.test(trimmed)) {
    let digits = trimmed.replace(/\(0\)/g, '').replace(/\D/g, '');
    if (trimmed.startsWith('00')) digits = digits.slice(2);
    const forms = new Set<string>();
    if (digits.length >= 2) {
      forms.add(digits);
      if (digits.startsWith('33') && (trimmed.startsWith('+') || trimmed.startsWith('00')))
        forms.add(`0${digits.slice(2)}`);
      if (digits.startsWith('0') && digits.length > 1) forms.add(`33${digits.slice(1)}`);
    }
    const alternatives = [...forms].filter((f) => f !== tokens[0] || tokens.length > 1).map((f) => `'${f}':*`);
    if (alternatives.length) return `(${all}) | ${alternatives.join(' | ')}`;
  }
  return tokens.length > 1 ? `(${all})` : all;
}
