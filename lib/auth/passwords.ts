import { availableParallelism } from 'node:os';
import { hash, verify } from '@node-rs/argon2';

// argon2id with OWASP's recommended minimums (19 MiB, 2 passes).
const OPTIONS = { memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

/**
 * Password verifications allowed at once in this process. Each costs ~19 MiB and a core for tens of
 * milliseconds, and sign-in is reachable anonymously: a flood must not take the CPU or the memory from
 * everyone else. A short, bounded queue absorbs an ordinary burst (the whole office signing in at 8:00);
 * past it, or after waiting too long, a sign-in is answered "too many attempts".
 */
export const HASH_CONCURRENCY = Math.max(2, availableParallelism());
const MAX_WAITING = HASH_CONCURRENCY * 4;
const MAX_WAIT_MS = 2_000;
let verifying = 0;
const waiting: Array<() => void> = [];

export function hashPassword(password: string): Promise<string> {
  return hash(password, OPTIONS);
}

export async function verifyPassword(hashed: string, password: string): Promise<boolean> {
  try {
    return await verify(hashed, password);
  } catch {
    return false;
  }
}

/** Waits for one of the HASH_CONCURRENCY slots (bounded queue, bounded wait); false when none came. */
function acquireSlot(): Promise<boolean> {
  if (verifying < HASH_CONCURRENCY) {
    verifying++;
    return Promise.resolve(true);
  }
  if (waiting.length >= MAX_WAITING) return Promise.resolve(false);
  return new Promise((resolve) => {
    const grant = () => {
      clearTimeout(timer);
      resolve(true);
    };
    const timer = setTimeout(() => {
      const i = waiting.indexOf(grant);
      if (i >= 0) waiting.splice(i, 1);
      resolve(false);
    }, MAX_WAIT_MS);
    waiting.push(grant);
  });
}

function releaseSlot(): void {
  const next = waiting.shift();
  // The slot passes straight to the next waiter, so `verifying` never exceeds the cap.
  if (next) next();
  else verifying--;
}

/** Runs `work` (a verification) in one of the HASH_CONCURRENCY slots; `busy` when none could be had. */
export async function withHashSlot<T>(work: () => Promise<T>): Promise<T | 'busy'> {
  if (!(await acquireSlot())) return 'busy';
  try {
    return await work();
  } finally {
    releaseSlot();
  }
}
