import { buildSearchQuery, normalizeText } from '@/lib/customers/search';

/**
 * What one typed string becomes for each group of the global search. Pure (unit-tested): every
 * fragment is either a tsquery built by the customer list's own builder, or a LIKE pattern with its
 * wildcards escaped, so user input is never SQL nor a pattern of its own.
 */
export interface SearchTerms {
  /** to_tsquery('simple', …) over customers.search_vector (name, e-mail, phones, city, SIRET, plates, VINs). */
  customerTsquery: string | null;
  /**
   * One or two characters: the customers whose sort name starts with them, as a [from, to) range the
   * sort-name btree walks in order (a one-letter prefix in the GIN index would match half the base).
   */
  namePrefix: { from: string; to: string } | null;
  /** LIKE pattern on customers.number / invoices.number (upper case), or null when too short. */
  numberPattern: string | null;
  /** LIKE patterns (all must match) on the contact's accent-free name + e-mail + phone. */
  contactPatterns: string[];
  /** LIKE pattern on the contact's E.164 phone, from a phone-like fragment ("06 12 34" → "%+3361234%"). */
  contactPhonePattern: string | null;
  /** LIKE pattern on the compact plate and on the VIN ("ab-123" and "AB123" → "%AB123%"). */
  vehiclePattern: string | null;
}

/**
 * pg_trgm can use its index only when a LIKE pattern holds at least one trigram: shorter fragments
 * would read the whole index, so they do not search contacts, vehicles or numbers.
 */
export const MIN_TRIGRAM = 3;
const PHONE_LIKE = /^[+\d\s().\-/]+$/;

export function escapeLike(s: string): string {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}
const contains = (s: string) => `%${escapeLike(s)}%`;

/** A French or international phone fragment → the digits of its E.164 form, or null. */
export function phoneFragmentE164(q: string): string | null {
  const trimmed = q.trim();
  // A phone is typed national ("06…") or international ("+33…", "0033…"); other digit runs (SIRET,
  // numbers) are not read as phones.
  if (!PHONE_LIKE.test(trimmed) || !/^[0+]/.test(trimmed)) return null;
  let digits = trimmed.replace(/\(0\)/g, '').replace(/\D/g, '');
  // Judged on what was typed: "06" alone would match every mobile.
  if (digits.length < MIN_TRIGRAM) return null;
  if (trimmed.startsWith('00')) digits = digits.slice(2);
  // National "06 12 34…" → "+33 6 12 34…"; "+33 6…" and "0033 6…" are already international.
  else if (digits.startsWith('0') && !trimmed.startsWith('+')) digits = `33${digits.slice(1)}`;
  return digits ? `+${digits}` : null;
}

/** The smallest string after every string starting with `s` ("ma" → "mb"). */
function nextPrefix(s: string): string {
  const last = s.codePointAt(s.length - 1) ?? 0;
  return s.slice(0, -1) + String.fromCodePoint(last + 1);
}

export function searchTerms(q: string): SearchTerms {
  const text = normalizeText(q).trim();
  const upper = q.trim().toUpperCase().replace(/\s+/g, '');
  const compact = upper.replace(/[^A-Z0-9]/g, '');
  const words = [...new Set(text.split(/[^\p{L}\p{N}@.+_-]+/u).filter(Boolean))].slice(0, 8);
  const phone = phoneFragmentE164(q);
  const short = text.length < MIN_TRIGRAM;
  return {
    customerTsquery: short ? null : buildSearchQuery(q),
    namePrefix: short && text ? { from: text, to: nextPrefix(text) } : null,
    numberPattern: upper.length >= MIN_TRIGRAM ? contains(upper) : null,
    // Short words still filter, but only when a longer one gives the index something to search.
    contactPatterns: words.some((w) => w.length >= MIN_TRIGRAM) ? words.map(contains) : [],
    contactPhonePattern: phone ? `${escapeLike(phone)}%` : null,
    vehiclePattern: compact.length >= MIN_TRIGRAM ? contains(compact) : null,
  };
}
