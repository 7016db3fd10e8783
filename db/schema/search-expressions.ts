import { type SQL, sql } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';

/**
 * Expressions shared by the trigram indexes (db/schema) and the global search (lib/search): PostgreSQL
 * uses an expression index only when the query repeats the indexed expression exactly, so both sides
 * build it here. Constants are raw SQL (not bound parameters) for the same reason.
 */

// Accented letters → plain letters, one for one (`translate` is immutable, so it may be indexed;
// the `unaccent` extension is not available on PGlite). The query side strips accents in JS.
const ACCENTED = 'àáâãäåçèéêëìíîïñòóôõöùúûüýÿ';
const PLAIN = 'aaaaaaceeeeiiiinooooouuuuyy';

/** A contact's name, e-mail and phone (E.164) in one lower-case, accent-free string. */
export function contactSearchText(c: { name: AnyPgColumn; email: AnyPgColumn; phone: AnyPgColumn }): SQL {
  return sql`translate(lower(${c.name} || ' ' || coalesce(${c.email}, '') || ' ' || coalesce(${c.phone}, '')), ${sql.raw(`'${ACCENTED}'`)}, ${sql.raw(`'${PLAIN}'`)})`;
}

/** A plate without its separators ("AB-123-CD" → "AB123CD", "1234 AB 75" → "1234AB75"). */
export function compactPlate(plate: AnyPgColumn): SQL {
  return sql`replace(replace(${plate}, '-', ''), ' ', '')`;
}
