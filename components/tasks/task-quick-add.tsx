'use client';
/**
 * « Ajouter une tâche »: title, échéance (a Paris day), assigné à — the same schema as the API
 * (lib/tasks/schema.ts). Used on the record's « À faire » block and in the timeline.
 *   <TaskQuickAdd customerId={id} people={people} defaultAssigneeId={viewer.id} idPrefix="task" />
 */
import { useActionState, useState } from 'react';
import { SelectField, TextField } from '@/components/ui/field';
import { SubmitButton } from '@/components/ui/submit-button';
import { useActionToast } from '@/components/ui/toast';
import { type ActionState, initialActionState } from '@/lib/actions';
import { createTaskAction } from '@/lib/tasks/actions';
import { TASK_TITLE_MAX } from '@/lib/tasks/schema';

export interface PersonOption {
  id: string;
  name: string;
}

export function TaskQuickAdd({
  customerId,
  people,
  defaultAssigneeId,
  idPrefix,
  onDone,
}: {
  customerId: string;
  people: PersonOption[];
  defaultAssigneeId: string | null;
  idPrefix: string;
  onDone?: () => void;
}) {
  const [formKey, setFormKey] = useState(0);
  const [state, formAction] = useActionState(async (prev: ActionState, fd: FormData) => {
    const result = await createTaskAction(customerId, prev, fd);
    if (result.ok) {
      setFormKey((k) => k + 1);
      onDone?.();
    }
    return result;
  }, initialActionState);
  useActionToast(state);
  const errors = state.ok ? undefined : state.fieldErrors;
  const assignee = people.some((p) => p.id === defaultAssigneeId) ? (defaultAssigneeId ?? '') : '';
  return (
    <form key={formKey} action={formAction} className="grid gap-2 sm:grid-cols-[1fr_auto_auto_auto] sm:items-end">
      <TextField
        id={`${idPrefix}-title`}
        label="Nouvelle tâche"
        name="title"
        required
        maxLength={TASK_TITLE_MAX}
        placeholder="Rappeler pour le devis…"
        error={errors?.title}
      />
      <TextField id={`${idPrefix}-due`} label="Échéance" name="dueDate" type="date" error={errors?.dueDate} />
      <SelectField
        id={`${idPrefix}-assignee`}
        label="Assigné à"
        name="assigneeId"
        placeholder="Personne"
        defaultValue={assignee}
        options={people.map((p) => ({ value: p.id, label: p.name }))}
        error={errors?.assigneeId}
      />
      <SubmitButton pendingLabel="Ajout…">Ajouter la tâche</SubmitButton>
    </form>
  );
}
