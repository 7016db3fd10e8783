import { z } from 'zod';
import { AppError } from '@/lib/errors';

/** `?limit=` 1–100 (default 20): above 100 is a validation error, not a silent clamp. */
export const limitSchema = z.coerce.number().int().min(1).max(100).default(20);

export interface Page<T> {
  data: T[];
  nextCursor: string | null;
}

// base64url through btoa/atob (Node and browsers) rather than Buffer: the schemas of this module
// reach client forms, and Buffer would pull Node's Buffer polyfill (~8 kB gzip) into their pages.
function toBase64Url(text: string): string {
  let binary = '';
  for (const byte of new TextEncoder().encode(text)) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64Url(encoded: string): string {
  const b64 = encoded.replace(/-/g, '+').replace(/_/g, '/');
  const binary = atob(b64 + '='.repeat((4 - (b64.length % 4)) % 4));
  return new TextDecoder('utf-8', { fatal: true }).decode(Uint8Array.from(binary, (c) => c.charCodeAt(0)));
}

/** Cursors are opaque base64url JSON; their content is validated like any other input. */
export function encodeCursor(value: unknown): string {
  return toBase64Url(JSON.stringify(value));
}

export function decodeCursor<T>(cursor: string | null | undefined, schema: z.ZodType<T>): T | null {
  if (cursor == null || cursor === '') return null;
  try {
    if (cursor.length > 1024) throw new Error('too long');
    return schema.parse(JSON.parse(fromBase64Url(cursor)));
  } catch {
    throw AppError.badRequest('Curseur de pagination invalide.');
  }
}

/** Fetch limit + 1 rows, return limit rows and a cursor built from the last one when more exist. */
export function toPage<R, T>(rows: R[], limit: number, map: (row: R) => T, cursorOf: (row: R) => unknown): Page<T> {
  const hasMore = rows.length > limit;
  const slice = hasMore ? rows.slice(0, limit) : rows;
  return {
    data: slice.map(map),
    nextCursor: hasMore && slice.length ? encodeCursor(cursorOf(slice[slice.length - 1])) : null,
  };
}

/** Cursor for (timestamp desc, id desc) keysets. */
export const timeIdCursor = z.object({ t: z.string().datetime({ offset: true }), id: z.guid() });
export type TimeIdCursor = z.infer<typeof timeIdCursor>;

/** A stale or hand-edited cursor in a page's URL shows the first page rather than an error page. */
export async function firstPageOnBadCursor<T>(
  load: (cursor: string | undefined) => Promise<T>,
  cursor: string | undefined,
): Promise<T> {
  try {
    return await load(cursor);
  } catch (error) {
    if (error instanceof AppError && error.code === 'bad_request' && cursor) return load(undefined);
    throw error;
  }
}
