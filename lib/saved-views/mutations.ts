import 'server-only';
import { and, count, eq, ne } from 'drizzle-orm';
import type { Db, Tx } from '@/db';
import { savedViews } from '@/db/schema';
import type { Actor } from '@/lib/auth/actor';
import { can } from '@/lib/auth/permissions';
import { assertSegmentFilter } from '@/lib/customers/list-filters';
import { AppError, isUniqueViolation } from '@/lib/errors';
import { getSavedViewOrThrow, ownedBy, savedViewOwnerName, type SavedViewRow, toSavedViewDto } from './queries';
import {
  SAVED_VIEWS_PER_OWNER,
  type SavedViewCreateInput,
  type SavedViewDto,
  type SavedViewUpdateInput,
} from './schema';

/*
 * Saved views are the user's own settings, not customer data: no customer activity row is written.
 * Uniqueness (name per owner, one shared view per owner) is the database's: a race ends in a 409 here.
 */

const SHARE_FORBIDDEN = 'Seuls les responsables et les administrateurs partagent une vue avec toute l’équipe.';

function owner(actor: Actor): Pick<SavedViewRow, 'ownerUserId' | 'ownerTokenId'> {
  if (!actor.id || actor.kind === 'system')
    throw AppError.forbidden('Une vue appartient à un utilisateur ou à un jeton.');
  return {
    ownerUserId: actor.kind === 'user' ? actor.id : null,
    ownerTokenId: actor.kind === 'token' ? actor.id : null,
  };
}

/** Sharing a view takes the mark off the owner's previously shared one (one shared view per owner). */
async function unshareOthers(tx: Tx, actor: Actor, keepId: string | null): Promise<void> {
  const others = and(ownedBy(actor), eq(savedViews.shared, true), keepId ? ne(savedViews.id, keepId) : undefined);
  await tx.update(savedViews).set({ shared: false }).where(others);
}

async function withUniqueNames<T>(name: string | undefined, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    const unique = isUniqueViolation(error);
    if (!unique) throw error;
    if (name && unique.constraint?.endsWith('_name_uq'))
      throw AppError.conflict(`Vous avez déjà une vue nommée « ${name} ».`, { name: ['Ce nom est déjà pris.'] });
    throw AppError.conflict('La vue a été modifiée en même temps ailleurs : réessayez.');
  }
}

export async function createSavedView(db: Db, actor: Actor, input: SavedViewCreateInput): Promise<SavedViewDto> {
  if (input.shared && !can(actor.role, 'view.share')) throw AppError.forbidden(SHARE_FORBIDDEN);
  // A view keeps its filters for later: the same rule as filtering the list now.
  assertSegmentFilter(actor, input.filters.segment);
  const ownerIds = owner(actor);
  const row = await withUniqueNames(input.name, () =>
    db.transaction(async (tx) => {
      const [{ n }] = await tx.select({ n: count() }).from(savedViews).where(ownedBy(actor));
      if (Number(n) >= SAVED_VIEWS_PER_OWNER)
        throw AppError.validation(
          { name: [`${SAVED_VIEWS_PER_OWNER} vues au plus : supprimez-en une avant d’en enregistrer une autre.`] },
          `Vous avez déjà ${SAVED_VIEWS_PER_OWNER} vues enregistrées.`,
        );
      if (input.shared) await unshareOthers(tx, actor, null);
      const [created] = await tx
        .insert(savedViews)
        .values({ ...ownerIds, name: input.name, filters: input.filters, shared: input.shared })
        .returning();
      return created;
    }),
  );
  return toSavedViewDto(row, actor.name, actor);
}

/** Rename (the owner), share (the owner, with `view.share`) or unshare (the owner or `view.share`). */
export async function updateSavedView(
  db: Db,
  actor: Actor,
  id: string,
  input: SavedViewUpdateInput,
): Promise<SavedViewDto> {
  const row = await withUniqueNames(input.name, () =>
    db.transaction(async (tx) => {
      const { row: current, may } = await getSavedViewOrThrow(tx, actor, id, { forUpdate: true });
      if (input.name !== undefined && !may.rename)
        throw AppError.forbidden('Seul le propriétaire de la vue peut la renommer.');
      const sharing = input.shared === true && !current.shared;
      const unsharing = input.shared === false && current.shared;
      if (sharing && !may.share)
        throw AppError.forbidden(may.rename ? SHARE_FORBIDDEN : 'Seul le propriétaire de la vue peut la partager.');
      if (unsharing && !may.unshare) throw AppError.forbidden('Vous ne pouvez pas retirer le partage de cette vue.');
      if (sharing) await unshareOthers(tx, actor, current.id);
      const changes = {
        ...(input.name !== undefined ? { name: input.name } : {}),
        ...(sharing || unsharing ? { shared: sharing } : {}),
      };
      if (!Object.keys(changes).length) return current;
      const [updated] = await tx.update(savedViews).set(changes).where(eq(savedViews.id, id)).returning();
      return updated;
    }),
  );
  return toSavedViewDto(row, await savedViewOwnerName(db, row), actor);
}

/** The owner's own view, or a shared one taken down by a manager or an admin. */
export async function deleteSavedView(db: Db, actor: Actor, id: string): Promise<void> {
  await db.transaction(async (tx) => {
    const { may } = await getSavedViewOrThrow(tx, actor, id, { forUpdate: true });
    if (!may.delete) throw AppError.forbidden('Seul le propriétaire de la vue ou un responsable peut la supprimer.');
    await tx.delete(savedViews).where(eq(savedViews.id, id));
  });
}
