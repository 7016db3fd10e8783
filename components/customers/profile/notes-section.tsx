/**
 * Notes of the Profile tab (server part): loads the notes and what the viewer may do with each,
 * then hands plain data to the interactive list.
 *   <NotesSection customerId={customer.id} viewer={actor} abilities={abilities} />
 */
import type { Actor } from '@/lib/auth/actor';
import type { CustomerAbilities } from '@/lib/auth/permissions';
import { loadProfileNotes } from '@/lib/notes/queries';
import { NotesList } from './notes-list';

export async function NotesSection({
  customerId,
  viewer,
  abilities,
}: {
  customerId: string;
  viewer: Actor;
  abilities: Pick<CustomerAbilities, 'fieldUpdate'>;
}) {
  const { notes, truncated } = await loadProfileNotes(customerId, viewer, { writable: abilities.fieldUpdate });
  return <NotesList customerId={customerId} notes={notes} canWrite={abilities.fieldUpdate} truncated={truncated} />;
}
