import { availableParallelism } from 'node:os';
import { hash, verify } from '@node-rs/argon2';

// argon2id with OWASP's recommended minimums (19 MiB, 2 passes).
const OPTIONS = { memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

/**
 * Password verifications allowed at once in this process. Each costs ~19 MiB and a core for tens of
 * milliseconds, and sign-in is reachable anonymously: past this, a sign-in is answered "too many attempts"
 * at once instead of queueing, so a flood cannot take the CPU or the memory from everyone else.
 */
export const HASH_CONCURRENCY = Math.max(2, availableParallelism());
let verifying = 0;

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

/** Runs `work` (a verification) in one of the HASH_CONCURRENCY slots; `busy` when all are taken. */
export async function withHashSlot<T>(work: () => Promise<T>): Promise<T | 'busy'> {
  if (verifying >= HASH_CONCURRENCY) return 'busy';
  verifying++;
  try {
    return await work();
  } finally {
    verifying--;
  }
}
