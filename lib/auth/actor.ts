import { eq } from 'drizzle-orm';
import type { DbOrTx } from '@/db';
import type { ActorKind } from '@/db/schema/activity';
import { type Role, users } from '@/db/schema/auth';
import { sessionIsCurrent } from './session-version';

/** Who performs a request: a signed-in employee, an API token, or the system (seed, import). */
export interface Actor {
  kind: ActorKind;
  /** users.id or api_tokens.id; null for the system. */
  id: string | null;
  name: string;
  role: Role;
  ip?: string | null;
  userAgent?: string | null;
}

export const SYSTEM_ACTOR: Actor = { kind: 'system', id: null, name: 'Système', role: 'admin' };

export function userActorId(actor: Actor): string | null {
  return actor.kind === 'user' ? actor.id : null;
}

/**
 * A session's user id and session version → the user as the database knows them now, for pages, actions
 * and API routes alike: null when unknown, deactivated, or signed out since (password change or reset,
 * "sign out other sessions": session-version.ts), so role changes and deactivation apply at once.
 */
export async function activeUserActor(
  db: DbOrTx,
  uid: string,
  sessionVersion: unknown,
  request: Pick<Actor, 'ip' | 'userAgent'> = {},
): Promise<Actor | null> {
  const [user] = await db.select().from(users).where(eq(users.id, uid)).limit(1);
  if (!user || !sessionIsCurrent(user, sessionVersion)) return null;
  return { kind: 'user', id: user.id, name: user.name, role: user.role, ...request };
}
