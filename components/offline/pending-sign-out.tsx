'use client';

import { useEffect } from 'react';
import { logoutAction } from '@/lib/auth/login-action';

const KEY = 'c360-sign-out-pending';

/** Signed out without a network: the device is already cleared, the server session ends once online. */
export function markSignOutPending(userId: string): void {
  localStorage.setItem(KEY, userId);
}

/**
 * Finishes a sign-out made offline as soon as the network is back (the session cookie is the server's
 * to end). `userId`: the signed-in user of this page; another user's pending sign-out is stale.
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
      if (!navigator.onLine) return;
      localStorage.removeItem(KEY);
      void logoutAction();
    };
    finish();
    window.addEventListener('online', finish);
    return () => window.removeEventListener('online', finish);
  }, [userId]);
  return null;
}
