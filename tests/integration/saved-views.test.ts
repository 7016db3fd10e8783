import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { getDb } from '@/db';
import { savedViews } from '@/db/schema';
import type { Role } from '@/db/schema/auth';
import type { Actor } from '@/lib/auth/actor';
import { SAVED_VIEWS_PER_OWNER } from '@/lib/saved-views/schema';
import { actorFor, bearersByRole, createBearer, createUser } from '@/tests/factories';
import { call } from '@/tests/factories/http';

let current: Actor | null = null;
vi.mock('@/lib/auth/session', async () => (await import('@/tests/factories/session-mock')).sessionMock(() => current));
vi.mock('next/cache', () => ({ revalidatePath: vi.fn() }));

const listRoute = await import('@/app/api/saved-views/route');
const viewRoute = await import('@/app/api/saved-views/[viewId]/route');
const { createSavedViewAction, deleteSavedViewAction, updateSavedViewAction } =
  await import('@/lib/saved-views/actions');
const { initialActionState } = await import('@/lib/actions');
const { loadSavedViews } = await import('@/lib/saved-views/queries');

let auth: Record<Role, string>;
beforeAll(async () => {
  auth = await bearersByRole();
});

const db = () => getDb();
const unique = () => randomUUID().slice(0, 8);
const list = (who: string) => call(listRoute.GET, { path: '/api/saved-views', auth: who });
const create = (body: unknown, who: string) =>
  call(listRoute.POST, { method: 'POST', path: '/api/saved-views', auth: who, body });
const patch = (viewId: string, body: unknown, who: string) =>
  call(viewRoute.PATCH, { method: 'PATCH', params: { viewId }, auth: who, body });
const remove = (viewId: string, who: string) =>
  call(viewRoute.DELETE, { method: 'DELETE', params: { viewId }, auth: who });
const dump = async () => (await db().select().from(savedViews)).map((r) => JSON.stringify(r)).sort();

describe('saved views API', () => {
  it('creates a private view with the list filters (defaults dropped), listed for its owner only', async () => {
    const me = (await createBearer('technician')).authorization;
    const name = `Lyon actifs ${unique()}`;
    const res = await create(
      { name: `  ${name} `, filters: { status: 'active', city: 'Lyon', archived: 'exclude', sort: 'recent', q: ' ' } },
      me,
    );
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      name,
      filters: { status: 'active', city: 'Lyon' },
      shared: false,
      mine: true,
      canRename: true,
      canShare: false,
      canDelete: true,
    });
    expect(Object.keys(res.body.filters).sort()).toEqual(['city', 'status']);
    expect(res.body).not.toHaveProperty('ownerUserId');
    expect((await list(me)).body.data.map((v: { id: string }) => v.id)).toContain(res.body.id);
    expect((await list(auth.manager)).body.data.map((v: { id: string }) => v.id)).not.toContain(res.body.id);
  });

  it('another user’s private view → 404 on PATCH and DELETE, nothing changed', async () => {
    const owner = (await createBearer('manager')).authorization;
    const { body: view } = await create({ name: `Privée ${unique()}`, filters: { kind: 'company' } }, owner);
    const before = await dump();
    for (const who of [auth.admin, auth.manager, auth.viewer]) {
      const renamed = await patch(view.id, { name: 'Volée' }, who);
      expect(renamed.status).toBe(404);
      expect(renamed.body.error).toMatchObject({ code: 'not_found', message: 'Vue introuvable.' });
      expect(renamed.text).not.toContain(view.name);
      expect((await remove(view.id, who)).status).toBe(404);
    }
    expect((await patch('pas-un-uuid', { name: 'x' }, owner)).status).toBe(404);
    expect((await remove(randomUUID(), owner)).status).toBe(404);
    expect(await dump()).toEqual(before);
  });

  it('sharing: view.share only, one shared view per owner, seen by everyone, taken down by managers only', async () => {
    const manager = (await createBearer('manager')).authorization;
    const viewer = (await createBearer('viewer')).authorization;
    const refused = await create({ name: `Partagée ${unique()}`, filters: { tag: 'VIP' }, shared: true }, viewer);
    expect(refused.status).toBe(403);
    const { body: first } = await create(
      { name: `Première ${unique()}`, filters: { tag: 'VIP' }, shared: true },
      manager,
    );
    expect(first.shared).toBe(true);
    const { body: second } = await create({ name: `Seconde ${unique()}`, filters: { sort: 'name' } }, manager);
    const shared = await patch(second.id, { shared: true }, manager);
    expect(shared.status).toBe(200);
    expect(shared.body.shared).toBe(true);
    // One shared view per owner: sharing the second took the mark off the first.
    const [firstRow] = await db().select().from(savedViews).where(eq(savedViews.id, first.id));
    expect(firstRow.shared).toBe(false);

    const seen = (await list(viewer)).body.data.find((v: { id: string }) => v.id === second.id);
    expect(seen).toMatchObject({ mine: false, shared: true, canDelete: false, canRename: false, canUnshare: false });
    expect(seen.ownerName).toMatch(/test-manager/);
    expect((await list(viewer)).body.data.map((v: { id: string }) => v.id)).not.toContain(first.id);
    const before = await dump();
    expect((await patch(second.id, { name: 'Renommée' }, viewer)).status).toBe(403);
    expect((await patch(second.id, { shared: false }, auth.technician)).status).toBe(403);
    expect((await remove(second.id, viewer)).status).toBe(403);
    expect((await patch(second.id, { name: 'Renommée' }, auth.manager)).status).toBe(403);
    expect(await dump()).toEqual(before);

    const unshared = await patch(second.id, { shared: false }, auth.manager);
    expect(unshared.status).toBe(200);
    expect(unshared.body).toMatchObject({ shared: false, mine: false });
    // Now private again: it no longer exists for the manager who took it down.
    expect((await remove(second.id, auth.manager)).status).toBe(404);
    expect((await remove(second.id, manager)).status).toBe(204);
  });

  it('bad input → 4xx, nothing written', async () => {
    const me = (await createBearer('technician')).authorization;
    const taken = `Prise ${unique()}`;
    expect((await create({ name: taken, filters: { status: 'inactive' } }, me)).status).toBe(201);
    const before = await dump();
    const cases: [unknown, number, string][] = [
      [{}, 422, 'name'],
      [{ name: '  ', filters: { status: 'active' } }, 422, 'name'],
      [{ name: 'x'.repeat(61), filters: { status: 'active' } }, 422, 'name'],
      [{ name: 'Vide', filters: {} }, 422, 'filters'],
      [{ name: 'Défauts', filters: { archived: 'exclude', sort: 'recent' } }, 422, 'filters'],
      [{ name: 'Inconnu', filters: { cursor: 'abc' } }, 422, 'filters'],
      [{ name: 'Statut', filters: { status: 'gelé' } }, 422, 'filters.status'],
      [{ name: 'Pas un objet', filters: 'status=active' }, 422, 'filters'],
      [{ name: 'En trop', filters: { status: 'active' }, owner: 'moi' }, 422, '_'],
      // Filtering by RFM segment needs analytics.read, saved for later or not.
      [{ name: 'Segment', filters: { segment: 'champions' } }, 403, ''],
      [{ name: taken.toUpperCase(), filters: { status: 'active' } }, 409, 'name'],
    ];
    for (const [body, status, field] of cases) {
      const res = await create(body, me);
      expect(res.status, JSON.stringify(body)).toBe(status);
      if (field) expect(Object.keys(res.body.error.fields ?? {}).join(), JSON.stringify(body)).toContain(field);
    }
    expect((await create({ name: 'Segment', filters: { segment: 'inconnu' } }, auth.manager)).status).toBe(422);
    const { body: view } = await create({ name: `Ma vue ${unique()}`, filters: { kind: 'individual' } }, me);
    const after = await dump();
    expect((await patch(view.id, {}, me)).status).toBe(422);
    expect((await patch(view.id, { name: taken }, me)).status).toBe(409);
    expect((await patch(view.id, { shared: 'peut-être' }, me)).status).toBe(422);
    // Sharing needs view.share even for one's own view.
    expect((await patch(view.id, { shared: true }, me)).status).toBe(403);
    expect(await dump()).toEqual(after);
    expect(after.length).toBe(before.length + 1);
  });

  it(`at most ${SAVED_VIEWS_PER_OWNER} views per owner`, async () => {
    const token = await createBearer('viewer');
    await db()
      .insert(savedViews)
      .values(
        Array.from({ length: SAVED_VIEWS_PER_OWNER }, (_, i) => ({
          name: `Vue ${i}`,
          filters: { status: 'active' },
          ownerTokenId: token.id,
        })),
      );
    const res = await create({ name: 'Une de trop', filters: { status: 'active' } }, token.authorization);
    expect(res.status).toBe(422);
    expect(res.body.error.fields.name[0]).toMatch(/30 vues au plus/);
  });
});

describe('saved views from the customer list (server actions)', () => {
  it('saves the list address’s filters (not its page), shares, deletes', async () => {
    const user = await createUser('manager');
    current = actorFor(user);
    const fd = new FormData();
    fd.set('name', `Pros de Lyon ${unique()}`);
    fd.set('query', 'kind=company&city=Lyon&cursor=abc&limit=50&archived=exclude');
    const created = await createSavedViewAction(initialActionState, fd);
    expect(created).toMatchObject({ ok: true, data: { filters: { kind: 'company', city: 'Lyon' } } });
    expect(created.message).toMatch(/^Vue « Pros de Lyon .* » enregistrée\.$/);
    const id = created.data!.id;

    const share = new FormData();
    share.set('shared', 'true');
    expect(await updateSavedViewAction(id, initialActionState, share)).toMatchObject({
      ok: true,
      data: { shared: true },
    });

    // Another user (a technician) sees the shared view but cannot delete it.
    current = actorFor(await createUser('technician'));
    expect((await loadSavedViews(current)).map((v) => v.id)).toContain(id);
    const refused = await deleteSavedViewAction(id, initialActionState, new FormData());
    expect(refused.ok).toBe(false);
    const empty = new FormData();
    empty.set('name', 'Rien');
    empty.set('query', 'archived=exclude');
    const none = await createSavedViewAction(initialActionState, empty);
    expect(none.ok).toBe(false);
    expect(none.fieldErrors?.filters).toEqual(['Filtrez ou triez la liste avant d’enregistrer une vue.']);

    current = actorFor(user);
    expect(await deleteSavedViewAction(id, initialActionState, new FormData())).toMatchObject({
      ok: true,
      message: 'Vue supprimée.',
    });
    expect(await db().select().from(savedViews).where(eq(savedViews.id, id))).toEqual([]);
  });
});
