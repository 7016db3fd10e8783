import { AppError } from '@/lib/errors';

/**
 * Counts long-running requests (exports, uploads) per caller and per instance, in this process.
 * Above either cap the request is refused at once with 429 and `Retry-After`, instead of queueing
 * work that would hold database connections, memory or disk. README "Security notes" →
 * "Exports" / "Uploads".
 */
export interface ConcurrencyLimits {
  perUser: number;
  perInstance: number;
  /** Seconds suggested to the client in `Retry-After`. */
  retryAfterSeconds: number;
}

export interface Slot {
  /** Gives the slot back; later calls do nothing. */
  release(): void;
}

interface GateState {
  total: number;
  byUser: Map<string, number>;
}

// On globalThis: one count per process even if a module is bundled twice (route handlers, dev reloads).
const store = globalThis as unknown as { __c360Gates?: Map<string, GateState> };

function state(name: string): GateState {
  store.__c360Gates ??= new Map();
  let s = store.__c360Gates.get(name);
  if (!s) {
    s = { total: 0, byUser: new Map() };
    store.__c360Gates.set(name, s);
  }
  return s;
}

/** Takes a slot for `callerKey` (e.g. `user:<id>`) or throws a 429 with the French `message`. */
export function acquireSlot(name: string, limits: ConcurrencyLimits, callerKey: string, message: string): Slot {
  const s = state(name);
  const mine = s.byUser.get(callerKey) ?? 0;
  if (mine >= limits.perUser || s.total >= limits.perInstance) {
    throw new AppError('rate_limited', message, undefined, { 'Retry-After': String(limits.retryAfterSeconds) });
  }
  s.total++;
  s.byUser.set(callerKey, mine + 1);
  let released = false;
  return {
    release() {
      if (released) return;
      released = true;
      s.total--;
      const left = (s.byUser.get(callerKey) ?? 1) - 1;
      if (left > 0) s.byUser.set(callerKey, left);
      else s.byUser.delete(callerKey);
    },
  };
}

export function activeSlots(name: string): number {
  return state(name).total;
}

/** The key a caller is counted under: a user or an API token. */
export function callerKey(actor: { kind: string; id: string | null }): string {
  return `${actor.kind}:${actor.id ?? 'system'}`;
}
