import 'server-only';
import { asc, desc, eq, or, type SQL, sql } from 'drizzle-orm';
import { type DbOrTx, getDb } from '@/db';
import { apiTokens, savedViews, users } from '@/db/schema';
import type { Actor } from '@/lib/auth/actor';
import { type SavedViewAbilities, savedViewAbilities } from '@/lib/auth/permissions';
import { AppError } from '@/lib/errors';
import type { SavedViewDto, SavedViewFilters } from './schema';

export type SavedViewRow = typeof savedViews.$inferSelect;
type Viewer = Pick<Actor, 'kind' | 'id' | 'role'>;

/** The viewer's own views (a user's or a token's; the system owns none). */
export function ownedBy(actor: Pick<Actor, 'kind' | 'id'>): SQL {
  if (actor.kind === 'user' && actor.id) return eq(savedViews.ownerUserId, actor.id);
  if (actor.kind === 'token' && actor.id) return eq(savedViews.ownerTokenId, actor.id);
  return sql`false`;
}

export function toSavedViewDto(row: SavedViewRow, ownerName: string | null, viewer: Viewer): SavedViewDto {
  const may = savedViewAbilities(viewer, row);
  return {
    id: row.id,
    name: row.name,
    filters: row.filters as SavedViewFilters,
    shared: row.shared,
    mine: may.rename,
    ownerName,
    canRename: may.rename,
    canShare: may.share,
    canUnshare: may.unshare,
    canDelete: may.delete,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

/** The views the viewer sees: their own, then the ones others shared, each group by name. */
export async function listSavedViews(db: DbOrTx, viewer: Viewer): Promise<SavedViewDto[]> {
  const mine = ownedBy(viewer);
  const rows = await db
    .select({ view: savedViews, userName: users.name, tokenName: apiTokens.name })
    .from(savedViews)
    .leftJoin(users, eq(users.id, savedViews.ownerUserId))
    .leftJoin(apiTokens, eq(apiTokens.id, savedViews.ownerTokenId))
    .where(or(mine, eq(savedViews.shared, true)))
    .orderBy(desc(sql`coalesce(${mine}, false)`), asc(sql`lower(${savedViews.name})`), asc(savedViews.id));
  return rows.map((r) => toSavedViewDto(r.view, r.userName ?? r.tokenName, viewer));
}

/** Customer list page: the quick links of the signed-in user. */
export function loadSavedViews(viewer: Viewer): Promise<SavedViewDto[]> {
  return listSavedViews(getDb(), viewer);
}

/**
 * A view the viewer can see, with what they may do with it. Another's private view does not exist for
 * them: 404, like an unknown id (its name and filters are nobody else's business).
 */
export async function getSavedViewOrThrow(
  db: DbOrTx,
  viewer: Viewer,
  id: string,
  { forUpdate = false } = {},
): Promise<{ row: SavedViewRow; may: SavedViewAbilities }> {
  const query = db.select().from(savedViews).where(eq(savedViews.id, id)).limit(1);
  const [row] = forUpdate ? await query.for('update') : await query;
  const may = row ? savedViewAbilities(viewer, row) : null;
  if (!row || !may?.see) throw AppError.notFound('Vue introuvable.');
  return { row, may };
}

/** The owner's name of one view (a user or a token). */
export async function savedViewOwnerName(db: DbOrTx, row: SavedViewRow): Promise<string | null> {
  const [r] = row.ownerUserId
    ? await db.select({ name: users.name }).from(users).where(eq(users.id, row.ownerUserId)).limit(1)
    : await db.select({ name: apiTokens.name }).from(apiTokens).where(eq(apiTokens.id, row.ownerTokenId!)).limit(1);
  return r?.name ?? null;
}
