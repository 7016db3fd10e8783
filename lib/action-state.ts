import type { FieldErrors } from '@/lib/errors';

/**
 * What every server action returns to `useActionState`. Its own module, without lib/errors' runtime (zod):
 * client components import the initial state from here; lib/actions.ts re-exports both for the server.
 */
export interface ActionState<T = unknown> {
  ok: boolean;
  message: string;
  fieldErrors?: FieldErrors;
  data?: T;
}

export const initialActionState: ActionState = { ok: false, message: '' };
