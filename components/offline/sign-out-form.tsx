'use client';

import { type FormEvent, useRef } from 'react';
import { Button, type ButtonSize } from '@/components/ui/button';
import { logoutAction } from '@/lib/auth/login-action';
import { markSignOutPending } from './pending-sign-out';
import { tellWorker, useOffline } from './offline-provider';

/**
 * « Se déconnecter »: first removes this user's cached pages and unsent writes from the device (asking
 * when some are still unsent), then signs out on the server. Offline, the device is cleared at once and
 * the server sign-out is completed as soon as the network is back (pending-sign-out.tsx).
 */
export function SignOutForm({ size = 'sm', className }: { size?: ButtonSize; className?: string }) {
  const offline = useOffline();
  const cleared = useRef(false);

  async function clearThenSubmit(form: HTMLFormElement) {
    const unsent = offline?.items.length ?? 0;
    if (unsent > 0 && !window.confirm(`${unsent} envoi(s) en attente seront perdus. Se déconnecter quand même ?`))
      return;
    if (offline) await offline.forget();
    else await tellWorker({ type: 'sign-out' });
    if (!navigator.onLine) {
      if (offline) markSignOutPending(offline.userId);
      // A full load on purpose: the service worker answers with its « Hors ligne » page.
      // eslint-disable-next-line @next/next/no-location-assign-relative-destination
      window.location.assign('/login');
      return;
    }
    cleared.current = true;
    form.requestSubmit();
  }

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    if (cleared.current) return; // second pass: the server action goes ahead
    event.preventDefault();
    void clearThenSubmit(event.currentTarget);
  }

  return (
    <form action={logoutAction} onSubmit={onSubmit}>
      <Button type="submit" variant="secondary" size={size} className={className}>
        Se déconnecter
      </Button>
    </form>
  );
}
