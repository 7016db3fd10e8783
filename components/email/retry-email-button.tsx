'use client';

import { useTransition } from 'react';
import { Button } from '@/components/ui/button';
import { useToast } from '@/components/ui/toast';
import { initialActionState } from '@/lib/action-state';
import { retryEmailAction } from '@/lib/email/actions';

/**
 * « Réessayer » on a failed e-mail: queues it again and hands it to the mail server; the outcome is toasted
 * and the outbox re-renders with the new status (the action revalidates the tab).
 */
export function RetryEmailButton({
  customerId,
  emailId,
  subject,
}: {
  customerId: string;
  emailId: string;
  subject: string;
}) {
  const toast = useToast();
  const [pending, startTransition] = useTransition();
  return (
    <Button
      size="sm"
      variant="secondary"
      disabled={pending}
      aria-busy={pending || undefined}
      aria-label={`Réessayer l’envoi : ${subject}`}
      onClick={() =>
        startTransition(async () => {
          const r = await retryEmailAction(customerId, emailId, initialActionState, new FormData());
          toast.show(r.message, r.ok ? 'success' : 'error');
        })
      }
    >
      {pending ? 'Nouvel essai…' : 'Réessayer'}
    </Button>
  );
}
