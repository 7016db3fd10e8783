import { and, desc, eq, gte, lt, or, sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import type { DbOrTx } from '@/db';
import { userEvents } from '@/db/schema';
import { USER_EVENTS, type UserEvent } from '@/db/schema/enums';
import type { Actor } from '@/lib/auth/actor';
import { decodeCursor, limitSchema, type Page, timeIdCursor, toPage } from '@/lib/pagination';

export const USER_EVENT_LABELS: Record<UserEvent, string> = {
  'user.created': 'Compte créé',
  'user.invited': 'Invitation envoyée',
  'user.invitation_resent': 'Invitation renvoyée',
  'user.invitation_revoked': 'Invitation annulée',
  'user.role_changed': 'Rôle modifié',
  'user.renamed': 'Nom modifié',
  'user.deactivated': 'Compte désactivé',
  'user.reactivated': 'Compte réactivé',
  'password.reset_requested': 'Réinitialisation demandée',
  'password.reset_completed': 'Mot de passe réinitialisé',
  'password.set': 'Mot de passe défini (invitation)',
  'password.changed': 'Mot de passe changé',
  'sessions.revoked': 'Autres sessions déconnectées',
  'sso.first_sign_in': 'Première connexion SSO',
  'sso.refused': 'Connexion SSO refusée',
  'token.created': 'Jeton d’API créé',
  'token.revoked': 'Jeton d’API révoqué',
};

export interface UserEventEntry {
  event: UserEvent;
  targetUserId?: string | null;
  targetTokenId?: string | null;
  targetLabel?: string | null;
  /** Facts about the change (old → new role…). Never a password, a hash or a link. */
  metadata?: Record<string, unknown>;
}

/** Writes journal rows, in the caller's transaction when there is one. */
export async function recordUserEvent(tx: DbOrTx, actor: Actor, entries: UserEventEntry | UserEventEntry[]) {
  const list = Array.isArray(entries) ? entries : [entries];
  if (!list.length) return;
  await tx.insert(userEvents).values(
    list.map((e) => ({
      event: e.event,
      actorKind: actor.kind,
      actorId: actor.id,
      actorName: actor.name,
      ip: actor.ip ?? null,
      targetUserId: e.targetUserId ?? null,
      targetTokenId: e.targetTokenId ?? null,
      targetLabel: e.targetLabel ?? null,
      metadata: e.metadata ?? {},
    })),
  );
}

const GROUPS = {
  users: 'user.',
  passwords: 'password.',
  sessions: 'sessions.',
  sso: 'sso.',
  tokens: 'token.',
} as const;
export const EVENT_GROUP_LABELS: Record<keyof typeof GROUPS, string> = {
  users: 'Comptes',
  passwords: 'Mots de passe',
  sessions: 'Sessions',
  sso: 'SSO',
  tokens: 'Jetons d’API',
};

export const eventListQuerySchema = z.object({
  group: z.enum(Object.keys(GROUPS) as [keyof typeof GROUPS, ...(keyof typeof GROUPS)[]]).optional(),
  event: z.enum(USER_EVENTS).optional(),
  q: z.string().trim().max(100).optional(),
  since: z.iso.date().optional(),
  cursor: z.string().max(1024).optional(),
  limit: limitSchema.optional(),
});
export type EventListQuery = z.input<typeof eventListQuerySchema>;

export interface UserEventRow {
  id: string;
  occurredAt: Date;
  event: UserEvent;
  actorKind: string;
  actorName: string;
  ip: string | null;
  targetLabel: string | null;
  metadata: Record<string, unknown>;
}

/** The Journal page: newest first, keyset pages on (occurred_at, id). */
export async function listUserEvents(db: DbOrTx, input: EventListQuery): Promise<Page<UserEventRow>> {
  const params = eventListQuerySchema.parse(input);
  const limit = params.limit ?? 50;
  const cursor = decodeCursor(params.cursor, timeIdCursor);
  const where: (SQL | undefined)[] = [];
  if (params.event) where.push(eq(userEvents.event, params.event));
  else if (params.group) where.push(sql`${userEvents.event} like ${`${GROUPS[params.group]}%`}`);
  if (params.q) {
    const like = `%${params.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    where.push(or(sql`${userEvents.targetLabel} ilike ${like}`, sql`${userEvents.actorName} ilike ${like}`));
  }
  if (params.since) where.push(gte(userEvents.occurredAt, new Date(`${params.since}T00:00:00Z`)));
  if (cursor) {
    const t = new Date(cursor.t);
    where.push(or(lt(userEvents.occurredAt, t), and(eq(userEvents.occurredAt, t), lt(userEvents.id, cursor.id))));
  }
  const rows = await db
    .select({
      id: userEvents.id,
      occurredAt: userEvents.occurredAt,
      event: userEvents.event,
      actorKind: userEvents.actorKind,
      actorName: userEvents.actorName,
      ip: userEvents.ip,
      targetLabel: userEvents.targetLabel,
      metadata: userEvents.metadata,
    })
    .from(userEvents)
    .where(and(...where))
    .orderBy(desc(userEvents.occurredAt), desc(userEvents.id))
    .limit(limit + 1);
  return toPage(
    rows,
    limit,
    (r) => r,
    (r) => ({ t: r.occurredAt.toISOString(), id: r.id }),
  );
}
