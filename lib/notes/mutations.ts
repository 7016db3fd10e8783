import 'server-only';
import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '@/db';
import { customerNotes } from '@/db/schema';
import type { Actor } from '@/lib/auth/actor';
import { canManageNote } from '@/lib/auth/permissions';
import { withActivity } from '@/lib/audit';
import { requireCustomer } from '@/lib/customers/guard';
import { AppError } from '@/lib/errors';
import { getNoteOrThrow, toNoteDto } from './queries';
import type { NoteCreateInput, NoteDto, NoteUpdateInput } from './schema';

const excerpt = (body: string) => (body.length > 200 ? `${body.slice(0, 199)}…` : body);

type NoteAuthor = { authorId: string | null; authorTokenId?: string | null };

function assertCanManage(actor: Actor, note: NoteAuthor) {
  if (!canManageNote(actor, note)) {
    throw AppError.forbidden("Seul l'auteur de la note ou un responsable peut la modifier ou la supprimer.");
  }
}

export async function createNote(db: Db, actor: Actor, customerId: string, input: NoteCreateInput): Promise<NoteDto> {
  return withActivity(db, actor, async (tx) => {
    await requireCustomer(tx, customerId, { forUpdate: true });
    const [row] = await tx
      .insert(customerNotes)
      .values({
        customerId,
        // A user or an API token (so it can edit its own notes later); the name is kept either way.
        authorId: actor.kind === 'user' ? actor.id : null,
        authorTokenId: actor.kind === 'token' ? actor.id : null,
        authorName: actor.name,
        body: input.body,
        pinned: input.pinned,
      })
      .returning();
    return {
      value: toNoteDto(row),
      activity: {
        customerId,
        type: 'note',
        title: input.pinned ? 'Note ajoutée (épinglée)' : 'Note ajoutée',
        description: excerpt(row.body),
        relatedType: 'note',
        relatedId: row.id,
      },
    };
  });
}

export async function updateNote(
  db: Db,
  actor: Actor,
  customerId: string,
  noteId: string,
  input: NoteUpdateInput,
): Promise<NoteDto> {
  return withActivity(db, actor, async (tx) => {
    const before = await getNoteOrThrow(tx, customerId, noteId);
    assertCanManage(actor, before);
    const bodyChanged = input.body !== undefined && input.body !== before.body;
    const pinChanged = input.pinned !== undefined && input.pinned !== before.pinned;
    if (!bodyChanged && !pinChanged) return { value: toNoteDto(before), activity: null };
    const [row] = await tx
      .update(customerNotes)
      .set({
        ...(bodyChanged ? { body: input.body } : {}),
        ...(pinChanged ? { pinned: input.pinned } : {}),
        // Pinning is not an edit of the text: only a new body moves "modifiée le".
        updatedAt: bodyChanged ? new Date() : sql`${customerNotes.updatedAt}`,
      })
      .where(and(eq(customerNotes.id, noteId), eq(customerNotes.customerId, customerId)))
      .returning();
    const title = bodyChanged ? 'Note modifiée' : row.pinned ? 'Note épinglée' : 'Note désépinglée';
    return {
      value: toNoteDto(row),
      activity: {
        customerId,
        type: 'note',
        title,
        description: excerpt(row.body),
        metadata: bodyChanged ? { previousBody: excerpt(before.body) } : { pinned: row.pinned },
        relatedType: 'note',
        relatedId: row.id,
      },
    };
  });
}

export async function setNotePinned(db: Db, actor: Actor, customerId: string, noteId: string, pinned: boolean) {
  return updateNote(db, actor, customerId, noteId, { pinned });
}

export async function deleteNote(db: Db, actor: Actor, customerId: string, noteId: string): Promise<void> {
  await withActivity(db, actor, async (tx) => {
    const before = await getNoteOrThrow(tx, customerId, noteId);
    assertCanManage(actor, before);
    await tx.delete(customerNotes).where(and(eq(customerNotes.id, noteId), eq(customerNotes.customerId, customerId)));
    return {
      value: undefined,
      activity: {
        customerId,
        type: 'note',
        title: 'Note supprimée',
        description: excerpt(before.body),
        metadata: { author: before.authorName },
        relatedType: 'note',
        relatedId: noteId,
      },
    };
  });
}
