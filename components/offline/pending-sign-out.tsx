'use client';

import { useEffect } from 'react';

const KEY = 'c360-sign-out-pending';

/** Signed out without a network: the device is already cleared, the server session ends once online. */
export function markSignOutPending(userId: string): void {
  localStorage.setItem(KEY, userId);
}

/**
 * Ends the session through next-auth's own endpoint (works from any page, the static « Hors ligne » one
 * included, where a server action of another route would not be found), then shows the sign-in page.
 */
async function signOutOnServer(): Promise<void> {
  const { csrfToken } = (await (await fetch('/api/auth/csrf')).json()) as { csrfToken: string };
  await fetch('/api/auth/signout', {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ csrfToken }),
    redirect: 'manual',
  });
  localStorage.removeItem(KEY);
  window.location.replace('/login');
}

/**
 * Finishes a sign-out made offline as soon as the network is back (the session cookie is the server's to
 * end). `userId`: the signed-in user of this page; another user's pending sign-out is stale.
 */
export function PendingSignOut({ userId }: { userId?: string }) {
  useEffect(() => {
    const pending = localStorage.getItem(KEY);
    if (!pending) return;
    if (userId && pending !== userId) {
      localStorage.removeItem(KEY);
      return;
    }
    const finish = () => {
      if (navigator.onLine) signOutOnServer().catch(() => undefined);
    };
    finish();
    window.addEventListener('online', finish);
    return () => window.removeEventListener('online', finish);
  }, [userId]);
  return null;
}
