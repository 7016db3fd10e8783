'use client';

import { useCallback } from 'react';
import type { ActionState } from '@/lib/actions';
import type { QueuedWrite } from '@/lib/offline/forms';
import { isNetworkFailure, QUEUED_MESSAGE, useOffline } from './offline-provider';

/**
 * A form's server action with an offline path: without a network (or when the call fails on the
 * network) the same write is queued for the JSON API instead of being lost. Online, nothing changes.
 * `toWrite` returns null for submissions that cannot wait (they fail as before).
 */
export function useQueueable<P extends ActionState, T>(
  action: (state: P, formData: FormData) => Promise<ActionState<T>>,
  toWrite: (formData: FormData) => QueuedWrite | null,
): (state: P, formData: FormData) => Promise<ActionState<T>> {
  const offline = useOffline();
  return useCallback(
    async (state: P, formData: FormData): Promise<ActionState<T>> => {
      const write = offline ? toWrite(formData) : null;
      if (!offline || !write) return action(state, formData);
      if (!navigator.onLine) {
        await offline.queue(write);
        return { ok: true, message: QUEUED_MESSAGE };
      }
      try {
        return await action(state, formData);
      } catch (error) {
        if (!isNetworkFailure(error)) throw error;
        await offline.queue(write);
        return { ok: true, message: QUEUED_MESSAGE };
      }
    },
    [action, offline, toWrite],
  );
}
