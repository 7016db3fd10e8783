'use client';

import { useActionState, useMemo } from 'react';
import { Button } from '@/components/ui/button';
import { useActionToast } from '@/components/ui/toast';
import type { ActionState } from '@/lib/actions';
import { sendReminderAction } from '@/lib/reminders/actions';

const initial: ActionState = { ok: false, message: '' };

/**
 * "Envoyer un rappel": the server checks the prospection consent; a refusal (never given, withdrawn,
 * expired, without proof) is shown next to the button with the reason, and stays logged on the customer.
 */
export function SendReminderButton({ vehicleId, days, label }: { vehicleId: string; days: number; label: string }) {
  const action = useMemo(() => sendReminderAction.bind(null, vehicleId), [vehicleId]);
  const [state, formAction, pending] = useActionState(action, initial);
  useActionToast(state, { errors: false });
  const sent = state.ok;
  return (
    <form action={formAction} className="space-y-1">
      <input type="hidden" name="days" value={days} />
      <Button
        type="submit"
        size="sm"
        variant="secondary"
        disabled={pending || sent}
        aria-label={`Envoyer un rappel pour ${label}`}
      >
        {pending ? 'Envoi…' : sent ? 'Rappel envoyé' : 'Envoyer un rappel'}
      </Button>
      {!state.ok && state.message && (
        <p role="alert" className="max-w-xs text-xs text-red-700">
          {state.message}
        </p>
      )}
    </form>
  );
}
