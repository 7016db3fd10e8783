import { createHmac, timingSafeEqual } from 'node:crypto';
import { authSecret } from '@/lib/env';

/**
 * Every session JWT carries the user's session version at sign-in (`sv`); every request compares it with
 * users.session_version. Bumping the version (password change or reset, "sign out other sessions",
 * deactivation) therefore refuses every older session on its next request, on every instance.
 */
export function sessionIsCurrent(user: { active: boolean; sessionVersion: number }, tokenVersion: unknown): boolean {
  const sv = typeof tokenVersion === 'number' ? tokenVersion : 0;
  return user.active && sv === user.sessionVersion;
}

/**
 * The session that made the change keeps working: the server updates its JWT with the new version and this
 * proof. A browser can ask next-auth to update its own session too (POST /api/auth/session), but without
 * the secret it cannot forge the proof, so an old session cannot bring itself up to date.
 */
export function sessionVersionProof(uid: string, version: number): string {
  return createHmac('sha256', authSecret()).update(`session-version:${uid}:${version}`).digest('base64url');
}

export function checkSessionVersionProof(uid: string, version: unknown, proof: unknown): version is number {
  if (typeof version !== 'number' || typeof proof !== 'string') return false;
  const expected = Buffer.from(sessionVersionProof(uid, version));
  const given = Buffer.from(proof);
  return expected.length === given.length && timingSafeEqual(expected, given);
}
