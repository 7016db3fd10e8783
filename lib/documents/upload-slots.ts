import type { Actor } from '@/lib/auth/actor';
import { acquireSlot, activeSlots, callerKey, type Slot } from '@/lib/http/concurrency';

/**
 * Uploads in flight (README "Security notes" → "Uploads"): each holds a temporary file, a slot in
 * the body stream and, at the end, a transaction. 3 per caller and 8 per instance at once (429 +
 * Retry-After); an upload that sends no byte for `stallMs` is aborted. Mutable for the tests.
 */
export const UPLOAD_LIMITS = {
  perUser: 3,
  perInstance: 8,
  retryAfterSeconds: 10,
  stallMs: 30_000,
};

export function acquireUploadSlot(actor: Pick<Actor, 'kind' | 'id'>): Slot {
  return acquireSlot(
    'upload',
    UPLOAD_LIMITS,
    callerKey(actor),
    'Trop d’envois de fichiers en cours : attendez la fin d’un envoi puis réessayez.',
  );
}

export function activeUploads(): number {
  return activeSlots('upload');
}
