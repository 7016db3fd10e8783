'use client';

import { useRef } from 'react';
import { SelectField, TextareaField, TextField } from '@/components/ui/field';
import { SubmitButton } from '@/components/ui/submit-button';
import { useActionToast } from '@/components/ui/toast';
import { lazyValidator, useFormAction, zodValidator } from '@/components/ui/use-form-action';
import { planInterventionAction } from '@/lib/interventions/actions';
import { planFormInput } from '@/lib/interventions/form';
import { INTERVENTION_KIND_LABELS, INTERVENTION_KINDS } from '@/lib/interventions/labels';

interface Option {
  id: string;
  label: string;
}

// The schema (zod) is fetched on the form's first focus, not with the Interventions tab.
const validate = lazyValidator(() =>
  import('@/lib/interventions/schema').then((m) => zodValidator(m.interventionCreateSchema, { input: planFormInput })),
);

/** « Planifier » (managers): kind, vehicle, technician, start, duration; the customer's address unless another is given. */
export function PlanInterventionForm({
  customerId,
  vehicles,
  technicians,
  defaultAddress,
}: {
  customerId: string;
  vehicles: Option[];
  technicians: { id: string; name: string }[];
  defaultAddress: string | null;
}) {
  const formRef = useRef<HTMLFormElement>(null);
  const { state, formAction, onSubmit, errors } = useFormAction(planInterventionAction.bind(null, customerId), {
    validate,
  });
  useActionToast(state);
  return (
    <form
      ref={formRef}
      action={formAction}
      onSubmit={onSubmit}
      onFocus={validate.preload}
      aria-label="Planifier une intervention"
      className="grid gap-3 sm:grid-cols-2"
      noValidate
      key={state.ok ? state.data?.id : 'plan'}
    >
      <SelectField
        label="Type"
        name="kind"
        required
        defaultValue="maintenance"
        options={INTERVENTION_KINDS.map((k) => ({ value: k, label: INTERVENTION_KIND_LABELS[k] }))}
        error={errors.kind}
      />
      <SelectField
        label="Véhicule"
        name="vehicleId"
        placeholder={vehicles.length ? 'Aucun véhicule' : 'Aucun véhicule enregistré'}
        options={vehicles.map((v) => ({ value: v.id, label: v.label }))}
        error={errors.vehicleId}
      />
      <SelectField
        label="Technicien"
        name="technicianId"
        placeholder="À affecter plus tard"
        options={technicians.map((t) => ({ value: t.id, label: t.name }))}
        error={errors.technicianId}
      />
      <TextField
        label="Début"
        name="scheduledAt"
        type="datetime-local"
        required
        hint="Heure de Paris"
        error={errors.scheduledAt}
      />
      <TextField
        label="Durée (minutes)"
        name="durationMinutes"
        type="number"
        inputMode="numeric"
        min={5}
        max={1440}
        step={5}
        defaultValue={60}
        error={errors.durationMinutes}
      />
      <TextareaField
        label="Travaux demandés"
        name="description"
        rows={2}
        wrapperClassName="sm:col-span-2"
        error={errors.description}
      />
      <details className="sm:col-span-2">
        <summary className="min-h-11 cursor-pointer py-2 text-sm font-medium text-slate-800">
          Adresse : {defaultAddress ?? 'adresse du client'} (modifier)
        </summary>
        <div className="mt-2 grid gap-3 sm:grid-cols-3">
          <TextField label="Adresse" name="addressLine1" error={errors.addressLine1} wrapperClassName="sm:col-span-3" />
          <TextField label="Code postal" name="postalCode" inputMode="numeric" error={errors.postalCode} />
          <TextField label="Ville" name="city" error={errors.city} wrapperClassName="sm:col-span-2" />
        </div>
      </details>
      {state.message && !state.ok && (
        <p role="alert" className="text-sm text-red-800 sm:col-span-2">
          {state.message}
        </p>
      )}
      <div className="sm:col-span-2">
        <SubmitButton pendingLabel="Planification…">Planifier</SubmitButton>
      </div>
    </form>
  );
}
