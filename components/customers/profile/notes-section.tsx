/**
 * Notes of the Profile tab (server part): loads the notes and what the viewer may do with each,
 * then hands plain data to the interactive list.
 *   <NotesSection customerId={customer.id} />
 */
import { getDb } from '@/db';
import { can } from '@/lib/auth/permissions';
import { getCurrentActor } from '@/lib/auth/session';
import { canManageNote } from '@/lib/notes/mutations';
import { listNotes } from '@/lib/notes/queries';
import { NotesList } from './notes-list';

export async function NotesSection({ customerId }: { customerId: string }) {
  const [actor, page] = await Promise.all([getCurrentActor(), listNotes(getDb(), customerId, { limit: 100 })]);
  const notes = page.data.map((n) => ({
    ...n,
    canManage: !!actor && canManageNote(actor, { authorId: n.author.id }),
  }));
  return (
    <NotesList
      customerId={customerId}
      notes={notes}
      canWrite={!!actor && can(actor.role, 'customer.field-update')}
      truncated={page.nextCursor !== null}
    />
  );
}
