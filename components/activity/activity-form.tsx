'use client';

import { useEffect, useRef } from 'react';
import { TextareaField, TextField, SelectField, FormMessage } from '@/components/ui/field';
import { SubmitButton } from '@/components/ui/submit-button';
import { useToast } from '@/components/ui/toast';
import { useQueueable } from '@/components/offline/use-queueable';
import { useFormAction } from '@/components/ui/use-form-action';
import { createActivityAction } from '@/lib/activity/actions';
import { activityWrite } from '@/lib/offline/forms';
import { ACTIVITY_TYPE_LABELS, MANUAL_ACTIVITY_TYPES } from '@/lib/activity/labels';
import type { ActivityDto } from '@/lib/activity/schema';

/**
 * Add a call / visit / note / e-mail / other. Validation happens on the server (same zod schema as
 * the API); errors show under each field and typed values stay. The new entry is handed to the
 * timeline at once.
 */
export function ActivityForm({
  customerId,
  onCreated,
}: {
  customerId: string;
  onCreated: (a: ActivityDto) => boolean;
}) {
  const { state, onSubmit, formAction, pending, errors } = useFormAction<ActivityDto>(
    useQueueable(createActivityAction.bind(null, customerId), (fd) => activityWrite(customerId, fd)),
  );
  const formRef = useRef<HTMLFormElement>(null);
  const handled = useRef<unknown>(undefined);
  const toast = useToast();

  useEffect(() => {
    // Queued offline: no entry to show yet, the form is emptied all the same.
    if (state.ok && !state.data && handled.current !== state) {
      handled.current = state;
      formRef.current?.reset();
      toast.success(state.message);
      return;
    }
    if (!state.ok || !state.data || handled.current === state.data) return;
    handled.current = state.data;
    const shown = onCreated(state.data);
    formRef.current?.reset();
    toast.success(shown ? state.message : `${state.message} Elle n’apparaît pas avec les filtres actuels.`);
  }, [state, onCreated, toast]);

  return (
    <details className="rounded-lg border border-slate-200 bg-white p-3 shadow-sm">
      <summary className="flex min-h-11 cursor-pointer items-center text-sm font-semibold text-blue-800">
        Ajouter une activité
      </summary>
      <form
        ref={formRef}
        action={formAction}
        onSubmit={onSubmit}
        className="mt-3 grid gap-3 sm:grid-cols-2"
        noValidate
        data-testid="activity-form"
      >
        <SelectField
          label="Type"
          name="type"
          id="activity-type"
          required
          defaultValue="call"
          options={MANUAL_ACTIVITY_TYPES.map((t) => ({ value: t, label: ACTIVITY_TYPE_LABELS[t] }))}
          error={errors.type}
        />
        <TextField
          label="Date et heure"
          name="occurredAt"
          id="activity-occurred-at"
          type="datetime-local"
          hint="Vide : maintenant"
          error={errors.occurredAt}
        />
        <TextField
          label="Titre"
          name="title"
          id="activity-title"
          required
          maxLength={200}
          placeholder="Ex. : Appel pour le devis de révision"
          error={errors.title}
          wrapperClassName="sm:col-span-2"
        />
        <TextareaField
          label="Description"
          name="description"
          id="activity-description"
          rows={3}
          maxLength={5000}
          hint="Facultatif"
          error={errors.description}
          wrapperClassName="sm:col-span-2"
        />
        <div className="flex flex-wrap items-center gap-3 sm:col-span-2">
          <SubmitButton pendingLabel="Enregistrement…" disabled={pending}>
            Enregistrer l’activité
          </SubmitButton>
          {!state.ok && <FormMessage state={state} />}
        </div>
      </form>
    </details>
  );
}
