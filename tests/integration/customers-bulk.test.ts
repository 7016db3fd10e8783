import { randomUUID } from 'node:crypto';
import { and, count, eq, inArray, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { getDb } from '@/db';
import { customerActivity, customers, customerTags, tags } from '@/db/schema';
import type { Role } from '@/db/schema/auth';
import type { Actor } from '@/lib/auth/actor';
import { SELECTION_MAX_IDS } from '@/lib/customers/bulk-schema';
import { eraseCustomer } from '@/lib/customers/mutations';
import { actorFor, bearersByRole, createCustomer, createUser } from '@/tests/factories';
import { call } from '@/tests/factories/http';

let current: Actor | null = null;
vi.mock('@/lib/auth/session', async () => (await import('@/tests/factories/session-mock')).sessionMock(() => current));
vi.mock('next/cache', () => ({ revalidatePath: vi.fn() }));

const bulkRoute = await import('@/app/api/customers/bulk/route');
const exportRoute = await import('@/app/api/customers/export/route');
const { bulkCustomersAction } = await import('@/lib/customers/actions');
const { initialActionState } = await import('@/lib/actions');

let auth: Record<Role, string>;
let manager: Actor;
beforeAll(async () => {
  auth = await bearersByRole();
  manager = actorFor(await createUser('manager'));
});

const db = () => getDb();
const post = (body: unknown, who = auth.manager) =>
  call(bulkRoute.POST, { method: 'POST', path: '/api/customers/bulk', auth: who, body });
const unique = () => randomUUID().slice(0, 8);

async function activities(ids: string[]) {
  return db()
    .select()
    .from(customerActivity)
    .where(inArray(customerActivity.customerId, ids))
    .orderBy(customerActivity.customerId);
}
/** Row counts of what a bulk action writes: a refused one must leave all of them as they were. */
async function written() {
  const [row] = await db()
    .select({
      activity: sql<number>`(select count(*)::int from ${customerActivity})`,
      links: sql<number>`(select count(*)::int from ${customerTags})`,
      tags: sql<number>`(select count(*)::int from ${tags})`,
      archived: sql<number>`(select count(*)::int from ${customers} where ${customers.archivedAt} is not null)`,
    })
    .from(sql`(select 1) as one`);
  return row;
}

describe('POST /api/customers/bulk', () => {
  it('archives in one transaction, one activity per customer changed; erased, already archived and unknown ids counted', async () => {
    const [a, b, done, gone] = await Promise.all([
      createCustomer(),
      createCustomer(),
      createCustomer({ archivedAt: new Date('2026-01-01') }),
      createCustomer(),
    ]);
    await eraseCustomer(db(), manager, gone.id);
    const unknown = randomUUID();
    const before = await activities([a.id, b.id, done.id]);
    const [erased] = await db().select().from(customers).where(eq(customers.id, gone.id));

    const res = await post({ action: 'archive', ids: [a.id, b.id, done.id, gone.id, unknown, a.id.toUpperCase()] });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      action: 'archive',
      tag: null,
      requested: 5,
      changed: 2,
      unchanged: 1,
      skipped: { erased: 1, notFound: 1 },
    });
    expect(res.body.message).toBe('2 clients archivés, 1 déjà archivé, 1 ignoré\u202f: effacé, 1 introuvable.');
    const rows = await db()
      .select()
      .from(customers)
      .where(inArray(customers.id, [a.id, b.id, gone.id]));
    expect(rows.find((r) => r.id === a.id)!.archivedAt).not.toBeNull();
    // The erased record is left as the erasure left it.
    expect(rows.find((r) => r.id === gone.id)).toEqual(erased);
    const added = (await activities([a.id, b.id, done.id])).filter((x) => !before.some((y) => y.id === x.id));
    expect(added.map((x) => x.customerId).sort()).toEqual([a.id, b.id].sort());
    for (const x of added)
      expect(x).toMatchObject({ type: 'profile', title: 'Client archivé', metadata: { archived: true, bulkCount: 2 } });
    // now() is the transaction's start: one timestamp for every row = one transaction.
    expect(new Set(added.map((x) => x.createdAt.getTime())).size).toBe(1);
  });

  it('adds a tag (created when unknown) and removes it; the timelines say so', async () => {
    const [a, b] = await Promise.all([createCustomer(), createCustomer()]);
    const name = `Flotte ${unique()}`;
    const added = await post({ action: 'tag.add', ids: [a.id, b.id], tag: `  ${name}  ` });
    expect(added.status).toBe(200);
    expect(added.body).toMatchObject({ changed: 2, unchanged: 0, tag: { name } });
    expect(added.body.message).toBe(`Étiquette «\u202f${name}\u202f» ajoutée à 2 clients.`);
    const again = await post({ action: 'tag.add', ids: [a.id], tag: name.toUpperCase() });
    expect(again.body).toMatchObject({ changed: 0, unchanged: 1, tag: { id: added.body.tag.id } });
    expect(again.body.message).toBe(`Étiquette «\u202f${name}\u202f» ajoutée à aucun client, 1 l’avait déjà.`);

    const removed = await post({ action: 'tag.remove', ids: [a.id, b.id], tag: name }, auth.admin);
    expect(removed.body).toMatchObject({ changed: 2, unchanged: 0 });
    const links = await db().select().from(customerTags).where(eq(customerTags.tagId, added.body.tag.id));
    expect(links).toEqual([]);
    const titles = (await activities([a.id])).map((x) => x.title);
    expect(titles).toEqual(expect.arrayContaining([`Étiquette « ${name} » ajoutée`, `Étiquette « ${name} » retirée`]));
    const [entry] = (await activities([a.id])).filter((x) => x.title.endsWith('ajoutée'));
    expect(entry).toMatchObject({
      relatedType: 'tag',
      relatedId: added.body.tag.id,
      metadata: { createdTag: true, bulkCount: 2 },
    });
  });

  it('roles: a technician or a viewer cannot bulk-archive or tag (403, nothing written)', async () => {
    const c = await createCustomer();
    const before = await written();
    for (const who of [auth.technician, auth.viewer]) {
      expect((await post({ action: 'archive', ids: [c.id] }, who)).status).toBe(403);
      expect((await post({ action: 'tag.add', ids: [c.id], tag: 'Interdit' }, who)).status).toBe(403);
    }
    expect(await written()).toEqual(before);
  });

  it('bad input → 422 (French message on the field), nothing written; more than the bound is refused', async () => {
    const c = await createCustomer();
    const tooMany = Array.from({ length: SELECTION_MAX_IDS + 1 }, () => randomUUID());
    const before = await written();
    const cases: [unknown, string][] = [
      [{}, 'action'],
      [{ action: 'delete', ids: [c.id] }, 'action'],
      [{ action: 'archive' }, 'ids'],
      [{ action: 'archive', ids: [] }, 'ids'],
      [{ action: 'archive', ids: c.id }, 'ids'],
      [{ action: 'archive', ids: ['pas-un-uuid'] }, 'ids.0'],
      [{ action: 'archive', ids: tooMany }, 'ids'],
      [{ action: 'tag.add', ids: [c.id] }, 'tag'],
      [{ action: 'tag.add', ids: [c.id], tag: '   ' }, 'tag'],
      [{ action: 'tag.add', ids: [c.id], tag: 'x'.repeat(41) }, 'tag'],
      [{ action: 'archive', ids: [c.id], tag: 'en trop' }, '_'],
      [{ action: 'tag.remove', ids: [c.id], tag: `Inconnue ${unique()}` }, 'tag'],
    ];
    for (const [body, field] of cases) {
      const res = await post(body);
      expect(res.status, JSON.stringify(body).slice(0, 80)).toBe(422);
      expect(res.body.error.code).toBe('validation_failed');
      expect(Object.keys(res.body.error.fields ?? {}).join(), JSON.stringify(body).slice(0, 80)).toContain(field);
    }
    const big = await post({ action: 'archive', ids: tooMany });
    expect(big.body.error.fields.ids).toEqual([
      `${SELECTION_MAX_IDS} clients au plus par action : sélectionnez-en moins.`,
    ]);
    expect(await written()).toEqual(before);
  });

  it('the list’s server action: same schema, same permission, the French summary', async () => {
    const [a, b] = await Promise.all([createCustomer(), createCustomer()]);
    const fd = new FormData();
    fd.set('action', 'tag.add');
    fd.append('ids', a.id);
    fd.append('ids', b.id);
    fd.set('tag', `Action ${unique()}`);
    current = actorFor(await createUser('technician'));
    const refused = await bulkCustomersAction(initialActionState, fd);
    expect(refused.ok).toBe(false);
    const [{ n }] = await db()
      .select({ n: count() })
      .from(customerTags)
      .where(inArray(customerTags.customerId, [a.id, b.id]));
    expect(Number(n)).toBe(0);

    current = manager;
    const state = await bulkCustomersAction(initialActionState, fd);
    expect(state).toMatchObject({ ok: true, data: { changed: 2 } });
    expect(state.message).toMatch(/^Étiquette .* ajoutée à 2 clients\.$/);
    const archive = new FormData();
    archive.set('action', 'archive');
    archive.append('ids', 'pas-un-uuid');
    const bad = await bulkCustomersAction(initialActionState, archive);
    expect(bad.ok).toBe(false);
    expect(bad.fieldErrors?.['ids.0']).toBeDefined();
  });
});

describe('GET /api/customers/export?ids= (export of a selection)', () => {
  const download = (query: Record<string, string | string[]>, who = auth.manager) =>
    call(exportRoute.GET, { path: '/api/customers/export', auth: who, query });

  it('exports exactly the selected customers, an archived one included, an erased one never', async () => {
    const mark = `Sel${unique()}`;
    const [a, b, other, archived, gone] = await Promise.all([
      createCustomer({ lastName: `${mark}A` }),
      createCustomer({ lastName: `${mark}B` }),
      createCustomer({ lastName: `${mark}C` }),
      createCustomer({ lastName: `${mark}D`, archivedAt: new Date('2026-01-01') }),
      createCustomer({ lastName: `${mark}E` }),
    ]);
    await eraseCustomer(db(), manager, gone.id);
    const res = await download({ format: 'csv', ids: `${a.id},${archived.id}`, unused: 'x' });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="clients-.+\.csv"$/);
    const repeated = await download({ format: 'csv', ids: [b.id, gone.id] });
    expect(res.text).toContain(`${mark}A`);
    expect(res.text).toContain(`${mark}D`);
    expect(res.text).not.toContain(`${mark}B`);
    expect(res.text).not.toContain(`${mark}C`);
    expect(repeated.text).toContain(`${mark}B`);
    expect(repeated.text).not.toContain('Client effacé');
    expect(res.text.trim().split('\r\n')).toHaveLength(3);
    // The list's own filters still apply when given explicitly.
    const hidden = await download({ format: 'csv', ids: `${a.id},${archived.id}`, archived: 'exclude' });
    expect(hidden.text).not.toContain(`${mark}D`);
    expect(other.id).toBeTruthy();
  });

  it('bad ids → 422, too many → 422; technicians may not export (403)', async () => {
    const c = await createCustomer();
    expect((await download({ ids: 'pas-un-uuid' })).status).toBe(422);
    expect((await download({ ids: '' })).status).toBe(422);
    const many = Array.from({ length: SELECTION_MAX_IDS + 1 }, () => randomUUID()).join(',');
    const res = await download({ ids: many });
    expect(res.status).toBe(422);
    expect(res.body.error.fields.ids).toBeDefined();
    expect((await download({ ids: c.id }, auth.technician)).status).toBe(403);
    expect((await download({ ids: c.id }, auth.viewer)).status).toBe(403);
  });
});

describe('activity rows of a bulk action stay with their customer', () => {
  it('a customer outside the selection gets nothing', async () => {
    const [a, b] = await Promise.all([createCustomer(), createCustomer()]);
    await post({ action: 'archive', ids: [a.id] });
    const [{ n }] = await db()
      .select({ n: count() })
      .from(customerActivity)
      .where(and(eq(customerActivity.customerId, b.id), eq(customerActivity.title, 'Client archivé')));
    expect(Number(n)).toBe(0);
  });
});
