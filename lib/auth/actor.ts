import type { ActorKind } from '@/db/schema/activity';
import type { Role } from '@/db/schema/auth';

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
