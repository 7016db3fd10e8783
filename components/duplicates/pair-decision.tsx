'use client';

import { useRouter } from 'next/navigation';
import { useActionState, useEffect } from 'react';
import { SubmitButton } from '@/components/ui/submit-button';
import { useActionToast } from '@/components/ui/toast';
import { initialActionState } from '@/lib/action-state';
import { dismissPairAction, restorePairAction } from '@/lib/duplicates/actions';

/**
 * « Pas un doublon » (on a proposed pair) or « Rétablir » (on a dismissed one): a one-field form on
 * the server action, so it works before JavaScript has loaded. Shown to managers and admins only
 * (the page asks canReviewDuplicates; the action and the API check it again).
 */
export function PairDecision({
  kind,
  customerId,
  otherId,
  label,
  doneHref,
}: {
  kind: 'dismiss' | 'restore';
  customerId: string;
  otherId: string;
  /** Accessible name naming the pair, e.g. « Pas un doublon : Jean Martin et Jeanne Martin ». */
  label: string;
  /** Where to go once decided (the compare page goes back to the list). */
  doneHref?: string;
}) {
  const router = useRouter();
  const action = (kind === 'dismiss' ? dismissPairAction : restorePairAction).bind(null, customerId);
  const [state, formAction] = useActionState(action, initialActionState);
  useActionToast(state);
  useEffect(() => {
    if (state.ok && doneHref) router.push(doneHref);
  }, [state, doneHref, router]);
  return (
    <form action={formAction}>
      <input type="hidden" name="otherId" value={otherId} />
      <SubmitButton
        size="sm"
        variant={kind === 'dismiss' ? 'secondary' : 'ghost'}
        aria-label={label}
        pendingLabel={kind === 'dismiss' ? 'Enregistrement…' : 'Rétablissement…'}
      >
        {kind === 'dismiss' ? 'Pas un doublon' : 'Rétablir'}
      </SubmitButton>
    </form>
  );
}
