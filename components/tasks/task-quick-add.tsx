'use client';
/**
 * « Ajouter une tâche »: title, échéance (a Paris day), assigné à — checked in the browser with the same
 * zod schema as the server action and the API (lib/tasks/schema.ts, fetched on first focus). Used on the
 * record's « À faire » block and above the timeline.
 *   <TaskQuickAdd customerId={id} people={people} defaultAssigneeId={viewer.id} idPrefix="task" />
 */
import { useEffect, useRef } from 'react';
import { SelectField, TextField } from '@/components/ui/field';
import { SubmitButton } from '@/components/ui/submit-button';
import { useActionToast } from '@/components/ui/toast';
import { lazyValidator, useFormAction, zodValidator } from '@/components/ui/use-form-action';
import { createTaskAction } from '@/lib/tasks/actions';
import { TASK_TITLE_MAX } from '@/lib/tasks/limits';

export interface PersonOption {
  id: string;
  name: string;
}

// The schema (and zod) is fetched on the form's first focus, not with the record page.
const validate = lazyValidator(() =>
  import('@/lib/tasks/schema').then((m) =>
    zodValidator(m.taskCreateSchema, { pick: ['title', 'dueDate', 'assigneeId'] }),
  ),
);

export function TaskQuickAdd({
  customerId,
  people,
  defaultAssigneeId,
  idPrefix,
}: {
  customerId: string;
  people: PersonOption[];
  defaultAssigneeId: string | null;
  idPrefix: string;
}) {
  const { state, formAction, onSubmit, pending, errors } = useFormAction(createTaskAction.bind(null, customerId), {
    validate,
  });
  useActionToast(state);
  const formRef = useRef<HTMLFormElement>(null);
  useEffect(() => {
    if (state.ok) formRef.current?.reset();
  }, [state]);
  const assignee = people.some((p) => p.id === defaultAssigneeId) ? (defaultAssigneeId ?? '') : '';
  return (
    <form
      ref={formRef}
      action={formAction}
      onSubmit={onSubmit}
      onFocus={validate.preload}
      noValidate
      className="grid gap-2 sm:grid-cols-[1fr_auto_auto_auto] sm:items-end"
    >
      <TextField
        id={`${idPrefix}-title`}
        label="Nouvelle tâche"
        name="title"
        required
        maxLength={TASK_TITLE_MAX}
        placeholder="Rappeler pour le devis…"
        error={errors.title}
      />
      <TextField id={`${idPrefix}-due`} label="Échéance" name="dueDate" type="date" error={errors.dueDate} />
      <SelectField
        id={`${idPrefix}-assignee`}
        label="Assigné à"
        name="assigneeId"
        placeholder="Personne"
        defaultValue={assignee}
        options={people.map((p) => ({ value: p.id, label: p.name }))}
        error={errors.assigneeId}
      />
      <SubmitButton pendingLabel="Ajout…" disabled={pending}>
        Ajouter la tâche
      </SubmitButton>
    </form>
  );
}
