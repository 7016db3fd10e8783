/**
 * Notes of the Profile tab (server part): loads the notes and what the viewer may do with each,
 * then hands plain data to the interactive list. The customer comes from the per-request cache.
 *   <NotesSection customerId={customer.id} />
 */
import { getDb } from '@/db';
import { can } from '@/lib/auth/permissions';
import { getCurrentActor } from '@/lib/auth/session';
import { canManageNote } from '@/lib/notes/mutations';
import { listNotes } from '@/lib/notes/queries';
import { loadCustomer } from '../load-customer';
import { NotesList } from './notes-list';

export async function NotesSection({ customerId }: { customerId: string }) {
  const customer = await loadCustomer(customerId);
  const [actor, page] = await Promise.all([getCurrentActor(), listNotes(getDb(), customer.id, { limit: 100 })]);
  const writable = !!actor && !customer.erasedAt;
  const notes = page.data.map((n) => ({
    ...n,
    canManage: writable && canManageNote(actor, { authorId: n.author.id }),
  }));
  return (
    <NotesList
      customerId={customer.id}
      notes={notes}
      canWrite={writable && can(actor.role, 'customer.field-update')}
      truncated={page.nextCursor !== null}
    />
  );
}
