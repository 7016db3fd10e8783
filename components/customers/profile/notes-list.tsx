'use client';
/**
 * Notes: add, edit, pin, delete (with confirmation). Plain text only — rendered as text with
 * `whitespace-pre-wrap` so line breaks stay and nothing is ever interpreted as HTML.
 */
import { startTransition, useActionState, useEffect, useId, useState } from 'react';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { EmptyState } from '@/components/ui/empty-state';
import { TextareaField } from '@/components/ui/field';
import { formatDateTime } from '@/components/ui/format';
import { SubmitButton } from '@/components/ui/submit-button';
import { useActionToast, useToast } from '@/components/ui/toast';
import { type ActionState, initialActionState } from '@/lib/action-state';
import { createNoteAction, deleteNoteAction, togglePinNoteAction, updateNoteAction } from '@/lib/notes/actions';
import { useQueueable } from '@/components/offline/use-queueable';
import { noteWrite } from '@/lib/offline/forms';
import { NOTE_FIELD_ID } from '../phone-actions';

export interface NoteItem {
  id: string;
  body: string;
  pinned: boolean;
  author: { id: string | null; name: string };
  createdAt: Date | string;
  updatedAt: Date | string;
  canManage: boolean;
}

const MAX = 5000;

function NoteForm({
  action,
  defaultValue = '',
  submitLabel,
  onDone,
  onCancel,
  withPin,
  idPrefix,
}: {
  action: (prev: ActionState, fd: FormData) => Promise<ActionState>;
  defaultValue?: string;
  submitLabel: string;
  onDone?: () => void;
  onCancel?: () => void;
  withPin?: boolean;
  idPrefix: string;
}) {
  const [formKey, setFormKey] = useState(0);
  const [state, formAction] = useActionState(async (prev: ActionState, fd: FormData) => {
    const result = await action(prev, fd);
    if (result.ok) {
      setFormKey((k) => k + 1);
      onDone?.();
    }
    return result;
  }, initialActionState);
  useActionToast(state);
  return (
    <form key={formKey} action={formAction} className="space-y-2">
      <TextareaField
        id={`${idPrefix}-body`}
        label={submitLabel === 'Ajouter la note' ? 'Nouvelle note' : 'Texte de la note'}
        name="body"
        rows={3}
        maxLength={MAX}
        required
        defaultValue={defaultValue}
        error={state.ok ? undefined : state.fieldErrors?.body}
        hint="Texte simple ; les retours à la ligne sont conservés."
      />
      <div className="flex flex-wrap items-center gap-3">
        {withPin && (
          <label className="inline-flex min-h-11 items-center gap-2 text-sm text-slate-800">
            <input type="checkbox" name="pinned" className="size-5" /> Épingler en haut
          </label>
        )}
        <SubmitButton size="sm" pendingLabel="Enregistrement…">
          {submitLabel}
        </SubmitButton>
        {onCancel && (
          <Button size="sm" variant="ghost" onClick={onCancel}>
            Annuler
          </Button>
        )}
      </div>
    </form>
  );
}

function NoteCard({ customerId, note }: { customerId: string; note: NoteItem }) {
  const [editing, setEditing] = useState(false);
  const [pinPending, setPinPending] = useState(false);
  const toast = useToast();
  const id = useId();
  const edited = new Date(note.updatedAt).getTime() - new Date(note.createdAt).getTime() > 1000;

  function togglePin() {
    setPinPending(true);
    startTransition(async () => {
      const fd = new FormData();
      fd.set('pinned', String(!note.pinned));
      const r = await togglePinNoteAction(customerId, note.id, initialActionState, fd);
      toast.show(r.message, r.ok ? 'success' : 'error');
      setPinPending(false);
    });
  }

  return (
    <li
      className={
        note.pinned ? 'rounded-md border border-amber-300 bg-amber-50 p-3' : 'rounded-md border border-slate-200 p-3'
      }
    >
      <div className="mb-1 flex flex-wrap items-center gap-x-2 gap-y-1 text-xs text-slate-600">
        {note.pinned && <Badge tone="warning">Épinglée</Badge>}
        <span className="font-medium text-slate-800">{note.author.name}</span>
        <span>{formatDateTime(note.createdAt)}</span>
        {edited && <span>(modifiée le {formatDateTime(note.updatedAt)})</span>}
      </div>
      {editing ? (
        <NoteForm
          idPrefix={`${id}-edit`}
          action={updateNoteAction.bind(null, customerId, note.id)}
          defaultValue={note.body}
          submitLabel="Enregistrer"
          onDone={() => setEditing(false)}
          onCancel={() => setEditing(false)}
        />
      ) : (
        <p className="text-sm break-words whitespace-pre-wrap text-slate-900">{note.body}</p>
      )}
      {note.canManage && !editing && (
        <div className="mt-2 flex flex-wrap gap-2">
          <Button size="sm" variant="secondary" onClick={() => setEditing(true)}>
            Modifier
          </Button>
          <Button size="sm" variant="secondary" onClick={togglePin} disabled={pinPending} aria-pressed={note.pinned}>
            {note.pinned ? 'Désépingler' : 'Épingler'}
          </Button>
          <ConfirmDialog
            triggerLabel="Supprimer"
            triggerSize="sm"
            title="Supprimer cette note ?"
            confirmLabel="Supprimer"
            onConfirm={async () => {
              const r = await deleteNoteAction(customerId, note.id, initialActionState, new FormData());
              toast.show(r.message, r.ok ? 'success' : 'error');
              return r.ok;
            }}
          >
            <p className="text-sm whitespace-pre-wrap text-slate-700">
              {note.body.length > 160 ? `${note.body.slice(0, 159)}…` : note.body}
            </p>
          </ConfirmDialog>
        </div>
      )}
    </li>
  );
}

export function NotesList({
  customerId,
  notes,
  canWrite,
  truncated,
}: {
  customerId: string;
  notes: NoteItem[];
  canWrite: boolean;
  truncated?: boolean;
}) {
  // Offline (or the network fails), the note waits on the device and is sent when the connection returns.
  const createNote = useQueueable(createNoteAction.bind(null, customerId), (fd) => noteWrite(customerId, fd));
  useEffect(() => {
    // « Note » of the phone action bar from another tab: land in the field, ready to type.
    if (canWrite && window.location.hash === `#${NOTE_FIELD_ID}`) document.getElementById(NOTE_FIELD_ID)?.focus();
  }, [canWrite]);
  return (
    <Card
      title="Notes"
      description={
        notes.length ? `${notes.length}${truncated ? '+' : ''} note${notes.length > 1 ? 's' : ''}` : undefined
      }
    >
      <div className="space-y-4">
        {canWrite && (
          <NoteForm
            idPrefix={NOTE_FIELD_ID.replace(/-body$/, '')}
            action={createNote}
            submitLabel="Ajouter la note"
            withPin
          />
        )}
        {notes.length === 0 ? (
          <EmptyState title="Aucune note" description={canWrite ? 'Ajoutez la première note ci-dessus.' : undefined} />
        ) : (
          <ul className="space-y-3">
            {notes.map((n) => (
              <NoteCard key={n.id} customerId={customerId} note={n} />
            ))}
          </ul>
        )}
        {truncated && <p className="text-xs text-slate-600">Seules les 100 notes les plus récentes sont affichées.</p>}
      </div>
    </Card>
  );
}
