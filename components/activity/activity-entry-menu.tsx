'use client';

import { useId, useRef, useState } from 'react';
import { ActionsMenu } from '@/components/customers/actions-menu';
import { ConfirmModal } from '@/components/ui/confirm-dialog';
import { SelectField, TextareaField, TextField } from '@/components/ui/field';
import { useDialogForm } from '@/components/ui/use-dialog-form';
import { correctActivityAction, deleteActivityAction } from '@/lib/activity/actions';
import { ACTIVITY_TYPE_LABELS, MANUAL_ACTIVITY_TYPES } from '@/lib/activity/labels';
import type { ActivityDto } from '@/lib/activity/schema';

const TYPE_CHOICES = MANUAL_ACTIVITY_TYPES.map((t) => ({ value: t, label: ACTIVITY_TYPE_LABELS[t] }));

/**
 * The « ⋯ » menu of a manual timeline entry the viewer may still change (`canEdit`, decided by
 * lib/auth/permissions.ts): « Modifier » (type, title, text) and « Supprimer ». Both leave a trace
 * entry in the timeline; the list is told so it can show the corrected entry or drop the deleted one.
 */
export function ActivityEntryMenu({
  customerId,
  activity: a,
  onChanged,
  onDeleted,
}: {
  customerId: string;
  activity: ActivityDto;
  onChanged: (a: ActivityDto) => void;
  onDeleted: (id: string) => void;
}) {
  const buttonRef = useRef<HTMLButtonElement>(null);
  const [open, setOpen] = useState<'edit' | 'delete' | null>(null);
  const id = useId();
  const edit = useDialogForm(correctActivityAction.bind(null, customerId, a.id), {
    onSuccess: (state) => state.data && onChanged(state.data),
  });
  const remove = useDialogForm(deleteActivityAction.bind(null, customerId, a.id), { onSuccess: () => onDeleted(a.id) });
  const close = () => {
    setOpen(null);
    buttonRef.current?.focus();
  };
  return (
    <>
      <ActionsMenu
        label={`Actions sur l’activité « ${a.title} »`}
        buttonRef={buttonRef}
        entries={[
          {
            key: 'edit',
            label: 'Modifier…',
            onSelect: () => {
              edit.reset();
              setOpen('edit');
            },
          },
          { key: 'delete', label: 'Supprimer…', danger: true, onSelect: () => setOpen('delete') },
        ]}
      />
      <ConfirmModal
        open={open === 'edit'}
        onClose={close}
        tone="primary"
        title="Corriger l’activité"
        confirmLabel="Enregistrer la correction"
        pendingLabel="Enregistrement…"
        onConfirm={edit.confirm}
      >
        <form id={edit.id} onSubmit={edit.onSubmit} className="space-y-3" data-testid="activity-edit-form">
          <SelectField
            id={`${id}-type`}
            label="Type"
            name="type"
            defaultValue={a.type}
            options={TYPE_CHOICES}
            error={edit.errors.type}
          />
          <TextField
            id={`${id}-title`}
            label="Titre"
            name="title"
            defaultValue={a.title}
            maxLength={200}
            required
            error={edit.errors.title}
          />
          <TextareaField
            id={`${id}-description`}
            label="Description"
            name="description"
            rows={3}
            maxLength={5000}
            defaultValue={a.description ?? ''}
            error={edit.errors.description}
          />
          <p className="text-xs text-slate-600">Le texte d’origine reste consultable dans l’historique.</p>
        </form>
      </ConfirmModal>
      <ConfirmModal
        open={open === 'delete'}
        onClose={close}
        title="Supprimer cette activité ?"
        confirmLabel="Supprimer"
        pendingLabel="Suppression…"
        onConfirm={remove.confirm}
      >
        <p>
          « {a.title} » disparaîtra de l’historique ; une entrée « Activité supprimée » en garde le contenu et l’auteur.
        </p>
      </ConfirmModal>
    </>
  );
}
