'use client';

import { useQueueable } from '@/components/offline/use-queueable';
import { TextareaField } from '@/components/ui/field';
import { SubmitButton } from '@/components/ui/submit-button';
import { useAnnouncedAction } from '@/components/ui/toast';
import { useFormAction } from '@/components/ui/use-form-action';
import type { ActionState } from '@/lib/actions';
import {
  cancelInterventionAction,
  completeInterventionAction,
  type InterventionActionData,
  invoiceInterventionAction,
  startInterventionAction,
} from '@/lib/interventions/actions';
import { statusWrite } from '@/lib/offline/forms';

type BoundAction = (
  customerId: string,
  interventionId: string,
  prev: ActionState<InterventionActionData>,
  formData: FormData,
) => Promise<ActionState<InterventionActionData>>;

/** One button, one server action (the version it is based on travels with it). */
export function ActionButton({
  action,
  customerId,
  interventionId,
  updatedAt,
  label,
  pendingLabel,
  variant = 'primary',
  className,
  onError,
}: {
  action: 'start' | 'complete' | 'invoice';
  customerId: string;
  interventionId: string;
  updatedAt: string;
  label: string;
  pendingLabel: string;
  variant?: 'primary' | 'secondary';
  className?: string;
  /** Shown under the button when the action is refused (e.g. a link to complete the report). */
  onError?: React.ReactNode;
}) {
  const fn: BoundAction =
    action === 'start'
      ? startInterventionAction
      : action === 'complete'
        ? completeInterventionAction
        : invoiceInterventionAction;
  // Toasted on answer: the re-rendered page no longer has this button (e.g. « Facturer » once invoiced).
  // Start and finish can wait for the network (queued with the version shown); invoicing cannot.
  const queueable = useQueueable(fn.bind(null, customerId, interventionId), () =>
    action === 'invoice' ? null : statusWrite(action, { customerId, interventionId }, updatedAt),
  );
  const { state, formAction, onSubmit } = useFormAction(useAnnouncedAction(queueable));
  return (
    <form action={formAction} onSubmit={onSubmit} className={className}>
      <input type="hidden" name="updatedAt" value={updatedAt} />
      <SubmitButton variant={variant} pendingLabel={pendingLabel} className="w-full">
        {label}
      </SubmitButton>
      {!state.ok && state.message && (
        <div role="alert" className="mt-1 text-sm text-red-800">
          {state.message}
          {onError}
        </div>
      )}
    </form>
  );
}

export function CancelForm({
  customerId,
  interventionId,
  updatedAt,
}: {
  customerId: string;
  interventionId: string;
  updatedAt: string;
}) {
  const { state, formAction, onSubmit, errors } = useFormAction(
    useAnnouncedAction(cancelInterventionAction.bind(null, customerId, interventionId)),
  );
  return (
    <details className="rounded-md border border-slate-200 p-2">
      <summary className="min-h-11 cursor-pointer py-2 text-sm font-medium text-red-800">
        Annuler l’intervention
      </summary>
      <form action={formAction} onSubmit={onSubmit} className="mt-2 space-y-2" aria-label="Annuler l’intervention">
        <input type="hidden" name="updatedAt" value={updatedAt} />
        <TextareaField label="Motif de l’annulation" name="reason" rows={2} required error={errors.reason} />
        {!state.ok && state.message && (
          <p role="alert" className="text-sm text-red-800">
            {state.message}
          </p>
        )}
        <SubmitButton variant="danger" pendingLabel="Annulation…">
          Confirmer l’annulation
        </SubmitButton>
      </form>
    </details>
  );
}
