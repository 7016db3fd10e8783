'use client';

import { inputClasses } from '@/components/ui/field';
import { SubmitButton } from '@/components/ui/submit-button';
import { useActionToast } from '@/components/ui/toast';
import { useFormAction } from '@/components/ui/use-form-action';
import { reassignInterventionAction } from '@/lib/interventions/actions';

/** The planning's « Réassigner »: another technician (or none) for a planned or started intervention. */
export function ReassignForm({
  customerId,
  interventionId,
  updatedAt,
  technicianId,
  technicians,
}: {
  customerId: string;
  interventionId: string;
  updatedAt: string;
  technicianId: string | null;
  technicians: { id: string; name: string }[];
}) {
  const { state, formAction, onSubmit } = useFormAction(
    reassignInterventionAction.bind(null, customerId, interventionId),
  );
  useActionToast(state);
  const id = `reassign-${interventionId}`;
  return (
    <form action={formAction} onSubmit={onSubmit} className="flex flex-wrap items-end gap-2">
      <input type="hidden" name="updatedAt" value={updatedAt} />
      <div className="min-w-0 flex-1">
        <label htmlFor={id} className="block text-xs font-medium text-slate-700">
          Technicien
        </label>
        <select id={id} name="technicianId" defaultValue={technicianId ?? ''} className={inputClasses(false)}>
          <option value="">À affecter</option>
          {technicians.map((t) => (
            <option key={t.id} value={t.id}>
              {t.name}
            </option>
          ))}
        </select>
      </div>
      <SubmitButton variant="secondary" size="sm" pendingLabel="…">
        Réassigner
      </SubmitButton>
      {!state.ok && state.message && (
        <p role="alert" className="w-full text-sm text-red-800">
          {state.message}
        </p>
      )}
    </form>
  );
}
