import type { Actor } from '@/lib/auth/actor';
import { acquireSlot, activeSlots, callerKey, type Slot } from '@/lib/http/concurrency';

/**
 * Concurrent exports (README "Security notes" → "Exports"). A list export on PostgreSQL holds one of
 * the pool's 10 connections while it streams: 2 per caller and 4 per instance leave the rest of the
 * pool to the application. A download the client stops reading is cut after `idleMs`. Mutable so the
 * tests can shorten the idle delay.
 */
export const EXPORT_LIMITS = {
  perUser: 2,
  perInstance: 4,
  retryAfterSeconds: 30,
  idleMs: 60_000,
  /** `SET LOCAL statement_timeout` of the export transactions. */
  statementTimeout: '5min',
};

export function acquireExportSlot(actor: Pick<Actor, 'kind' | 'id'>): Slot {
  return acquireSlot(
    'export',
    EXPORT_LIMITS,
    callerKey(actor),
    'Trop d’exports en cours : attendez la fin d’un export puis réessayez.',
  );
}

export function activeExports(): number {
  return activeSlots('export');
}

/**
 * The download as the client receives it: pulled only when the client reads (no queue of its own),
 * the slot given back when the file is complete, failed or cancelled, and the source cancelled when
 * the client has not asked for more for `idleMs`.
 */
export function guardExportStream(source: ReadableStream<Uint8Array>, slot: Slot): ReadableStream<Uint8Array> {
  const reader = source.getReader();
  let timer: NodeJS.Timeout | undefined;
  let controller: ReadableStreamDefaultController<Uint8Array>;
  const stop = () => {
    clearTimeout(timer);
    slot.release();
  };
  // Runs between a chunk handed out and the client's next read.
  const arm = () => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      stop();
      void reader.cancel('idle').catch(() => {});
      controller.error(new Error('Export interrompu : client inactif (idle).'));
    }, EXPORT_LIMITS.idleMs);
    timer.unref?.();
  };
  return new ReadableStream<Uint8Array>(
    {
      start(c) {
        controller = c;
        arm();
      },
      async pull(c) {
        clearTimeout(timer);
        try {
          const { done, value } = await reader.read();
          if (done) {
            stop();
            c.close();
            return;
          }
          c.enqueue(value);
          arm();
        } catch (error) {
          stop();
          c.error(error);
        }
      },
      async cancel(reason) {
        stop();
        await reader.cancel(reason).catch(() => {});
      },
    },
    new CountQueuingStrategy({ highWaterMark: 0 }),
  );
}
