import 'server-only';
import { descNullsLast } from '@/db/order';
import { and, eq, lt, or, sql } from 'drizzle-orm';
import { z } from 'zod';
import { type DbOrTx, getDb } from '@/db';
import { customerNotes } from '@/db/schema';
import type { Actor } from '@/lib/auth/actor';
import { canManageNote } from '@/lib/auth/permissions';
import { AppError } from '@/lib/errors';
import { decodeCursor, type Page, toPage } from '@/lib/pagination';
import type { NoteDto } from './schema';

type NoteRow = typeof customerNotes.$inferSelect;

export function toNoteDto(row: NoteRow): NoteDto {
  return {
    id: row.id,
    customerId: row.customerId,
    body: row.body,
    pinned: row.pinned,
    author: { id: row.authorId, name: row.authorName },
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

const noteCursor = z.object({ p: z.boolean(), t: z.string().datetime({ offset: true }), id: z.guid() });

/** Pinned notes first, then newest first; keyset pages over (pinned, createdAt, id). */
export async function listNotes(
  db: DbOrTx,
  customerId: string,
  opts: { limit?: number; cursor?: string } = {},
): Promise<Page<NoteDto>> {
  const limit = opts.limit ?? 50;
  const cursor = decodeCursor(opts.cursor, noteCursor);
  // created_at has microseconds, cursors (JS dates) milliseconds: compare at millisecond precision.
  const createdMs = sql`date_trunc('milliseconds', ${customerNotes.createdAt})`;
  const after = cursor
    ? or(
        // Descending booleans: pinned (true) notes come first, so after a pinned cursor come all unpinned notes.
        cursor.p ? eq(customerNotes.pinned, false) : undefined,
        and(
          eq(customerNotes.pinned, cursor.p),
          or(
            lt(createdMs, sql`${cursor.t}::timestamptz`),
            and(eq(createdMs, sql`${cursor.t}::timestamptz`), lt(customerNotes.id, cursor.id)),
          ),
        ),
      )
    : undefined;
  const rows = await db
    .select()
    .from(customerNotes)
    .where(and(eq(customerNotes.customerId, customerId), after))
    .orderBy(
      descNullsLast(customerNotes.pinned),
      descNullsLast(customerNotes.createdAt),
      descNullsLast(customerNotes.id),
    )
    .limit(limit + 1);
  return toPage(rows, limit, toNoteDto, (r) => ({ p: r.pinned, t: r.createdAt.toISOString(), id: r.id }));
}

/** A note of this customer; a note of another customer is "not found" too. */
export async function getNoteOrThrow(db: DbOrTx, customerId: string, noteId: string): Promise<NoteRow> {
  const [row] = await db
    .select()
    .from(customerNotes)
    .where(and(eq(customerNotes.id, noteId), eq(customerNotes.customerId, customerId)))
    .limit(1);
  if (!row) throw AppError.notFound('Note introuvable.');
  return row;
}

/**
 * Profile tab: the first 100 notes, each with whether the viewer may edit, pin or delete it (`writable`
 * is false on an erased customer, whatever the role).
 */
export async function loadProfileNotes(
  customerId: string,
  viewer: Pick<Actor, 'kind' | 'id' | 'role'>,
  opts: { writable: boolean },
): Promise<{ notes: (NoteDto & { canManage: boolean })[]; truncated: boolean }> {
  const page = await listNotes(getDb(), customerId, { limit: 100 });
  return {
    notes: page.data.map((n) => ({
      ...n,
      canManage: opts.writable && canManageNote(viewer, { authorId: n.author.id }),
    })),
    truncated: page.nextCursor !== null,
  };
}
