import { count, eq } from 'drizzle-orm';
import { describe, expect, it, vi } from 'vitest';
import { getDb } from '@/db';
import { customerActivity } from '@/db/schema';
import { GET, POST } from '@/app/api/customers/[id]/activities/route';
import { POST as POST_ALIAS } from '@/app/api/customers/[id]/activity/route';
import { SYSTEM_ACTOR } from '@/lib/auth/actor';
import { recordActivity } from '@/lib/audit';
import { createCustomer, suiteBearers } from '../factories';
import { call, callRawJson } from '../factories/http';

// Server actions: the session is mocked (the database is real); revalidatePath needs a Next request.
const session = vi.hoisted(() => ({ actor: null as null | Record<string, unknown> }));
vi.mock('@/lib/auth/session', async () =>
  (await import('@/tests/factories/session-mock')).sessionMock(() => session.actor),
);
vi.mock('next/cache', () => ({ revalidatePath: () => {} }));

const auth = suiteBearers();

async function seed(customerId: string, n: number, opts: { start?: number; types?: string[] } = {}) {
  const types = opts.types ?? ['call', 'visit', 'note'];
  const start = opts.start ?? Date.UTC(2024, 0, 1, 12);
  const entries = Array.from({ length: n }, (_, i) => ({
    customerId,
    type: types[i % types.length] as 'call',
    title: `Entrée ${i}`,
    // Every third row shares its timestamp with the previous one: ties must be broken by id.
    occurredAt: new Date(start + Math.floor(i / 3) * 3600_000),
  }));
  await recordActivity(getDb(), SYSTEM_ACTOR, entries);
}

async function walk(id: string, query: Record<string, string | string[]>, between?: (page: number) => Promise<void>) {
  const ids: string[] = [];
  let cursor: string | null = null;
  let page = 0;
  do {
    const res: any = await call(GET, {
      params: { id },
      auth: auth.viewer,
      query: { ...query, ...(cursor ? { cursor } : {}) },
    });
    expect(res.status).toBe(200);
    ids.push(...res.body.data.map((a: any) => a.id));
    cursor = res.body.nextCursor;
    page++;
    if (between) await between(page);
  } while (cursor && page < 100);
  return ids;
}

describe('GET /api/customers/{id}/activities', () => {
  it('walks keyset pages without overlap or skip while newer activities arrive', async () => {
    const c = await createCustomer();
    await seed(c.id, 47);
    const before = await getDb()
      .select({ id: customerActivity.id })
      .from(customerActivity)
      .where(eq(customerActivity.customerId, c.id));
    const seen = await walk(c.id, { limit: '5' }, async (page) => {
      // New activities between two page requests (occurred "now", so newer than everything seeded).
      await recordActivity(getDb(), SYSTEM_ACTOR, [
        { customerId: c.id, type: 'note', title: `Concurrente ${page}a` },
        { customerId: c.id, type: 'call', title: `Concurrente ${page}b` },
      ]);
    });
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.length).toBe(47);
    expect(new Set(seen)).toEqual(new Set(before.map((r) => r.id)));
  });

  it('orders newest first and breaks timestamp ties by id (microsecond timestamps included)', async () => {
    const c = await createCustomer();
    // Same millisecond, different microseconds: a millisecond cursor would skip some of them.
    const db = getDb();
    for (let i = 0; i < 6; i++) {
      await db.insert(customerActivity).values({
        customerId: c.id,
        type: 'note',
        title: `µ${i}`,
        actorKind: 'system',
        actorName: 'Système',
        occurredAt: new Date('2024-05-01T10:00:00.123Z'),
      });
    }
    await db.execute(
      // spread them over microseconds inside the same millisecond
      (await import('drizzle-orm'))
        .sql`update customer_activity set occurred_at = occurred_at + (random() * interval '900 microseconds') where customer_id = ${c.id}`,
    );
    const ids = await walk(c.id, { limit: '2' });
    expect(ids).toHaveLength(6);
    const rows = await db.select().from(customerActivity).where(eq(customerActivity.customerId, c.id));
    expect(new Set(ids)).toEqual(new Set(rows.map((r) => r.id)));
  });

  it('filters by several types and a date range; stats describe the filtered set', async () => {
    const c = await createCustomer();
    await seed(c.id, 30, { types: ['call', 'visit', 'note'], start: Date.UTC(2024, 2, 1, 9) });
    const all: any = await call(GET, { params: { id: c.id }, auth: auth.viewer, query: { limit: '100' } });
    expect(all.body.stats).toEqual({ total: 30, byType: { call: 10, visit: 10, note: 10 } });

    const typed: any = await call(GET, {
      params: { id: c.id },
      auth: auth.viewer,
      query: { type: ['call', 'visit'], limit: '100' },
    });
    expect(typed.status).toBe(200);
    expect(typed.body.data).toHaveLength(20);
    expect(typed.body.data.every((a: any) => a.type === 'call' || a.type === 'visit')).toBe(true);
    expect(typed.body.stats).toEqual({ total: 20, byType: { call: 10, visit: 10 } });

    // Rows are hourly from 2024-03-01 09:00Z, 3 per hour → 10 hours. Keep 11:00Z..13:00Z = 9 rows.
    const ranged: any = await call(GET, {
      params: { id: c.id },
      auth: auth.viewer,
      query: { from: '2024-03-01T11:00:00Z', to: '2024-03-01T13:00:00Z', type: 'note', limit: '100' },
    });
    expect(ranged.status).toBe(200);
    expect(ranged.body.stats).toEqual({ total: 3, byType: { note: 3 } });
    expect(ranged.body.data).toHaveLength(3);
    for (const a of ranged.body.data) {
      const t = new Date(a.occurredAt).getTime();
      expect(t).toBeGreaterThanOrEqual(Date.UTC(2024, 2, 1, 11));
      expect(t).toBeLessThanOrEqual(Date.UTC(2024, 2, 1, 13));
    }
    // A date-only "to" covers the whole Paris day.
    const day: any = await call(GET, {
      params: { id: c.id },
      auth: auth.viewer,
      query: { from: '2024-03-01', to: '2024-03-01' },
    });
    expect(day.body.stats.total).toBe(30);
    const none: any = await call(GET, { params: { id: c.id }, auth: auth.viewer, query: { from: '2024-03-02' } });
    expect(none.body).toMatchObject({ data: [], nextCursor: null, stats: { total: 0, byType: {} } });
  });

  it('returns the SPEC activity shape', async () => {
    const c = await createCustomer();
    await recordActivity(getDb(), SYSTEM_ACTOR, {
      customerId: c.id,
      type: 'invoice',
      title: 'Facture émise',
      relatedType: 'invoice',
      relatedId: 'abc',
      metadata: { n: 1 },
    });
    // An invoice entry: only roles with finance.read see it (lib/activity/visibility.ts).
    const res: any = await call(GET, { params: { id: c.id }, auth: auth.viewer });
    expect(Object.keys(res.body.data[0]).sort()).toEqual(
      [
        'id',
        'customerId',
        'type',
        'title',
        'description',
        'metadata',
        'actor',
        'relatedType',
        'relatedId',
        'occurredAt',
        'createdAt',
        // Beyond the SPEC shape: when a manual entry was corrected, and whether the caller may change it.
        'editedAt',
        'canEdit',
      ].sort(),
    );
    expect(res.body.data[0]).toMatchObject({
      editedAt: null,
      canEdit: false,
      type: 'invoice',
      relatedType: 'invoice',
      relatedId: 'abc',
      metadata: { n: 1 },
      actor: { kind: 'system', id: null, name: 'Système' },
    });
  });

  it('rejects bad input: limit 101 → 422, unknown type → 422, bad cursor → 400, inverted range → 422', async () => {
    const c = await createCustomer();
    const q = (query: Record<string, string>) => call(GET, { params: { id: c.id }, auth: auth.viewer, query });
    const over = await q({ limit: '101' });
    expect(over.status).toBe(422);
    expect(over.body.error.code).toBe('validation_failed');
    expect(over.body.error.fields.limit).toBeDefined();
    expect((await q({ limit: '0' })).status).toBe(422);
    expect((await q({ type: 'hacking' })).status).toBe(422);
    const bad = await q({ cursor: 'not-a-cursor' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('bad_request');
    const forged = Buffer.from(JSON.stringify({ t: "x'; drop table", id: 1 })).toString('base64url');
    expect((await q({ cursor: forged })).status).toBe(400);
    expect((await q({ from: '2024-05-02', to: '2024-05-01' })).status).toBe(422);
    expect((await q({ from: 'hier' })).status).toBe(422);
  });

  it('404 for an unknown customer, 401 anonymous', async () => {
    const missing = await call(GET, { params: { id: '00000000-0000-4000-8000-000000000000' }, auth: auth.viewer });
    expect(missing.status).toBe(404);
    expect((await call(GET, { params: { id: 'nope' }, auth: auth.viewer })).status).toBe(404);
    const anon = await call(GET, { params: { id: '00000000-0000-4000-8000-000000000000' } });
    expect(anon.status).toBe(401);
    expect(anon.body.error.code).toBe('unauthorized');
  });
});

describe('POST /api/customers/{id}/activity(ies)', () => {
  const countFor = async (id: string) =>
    (await getDb().select({ n: count() }).from(customerActivity).where(eq(customerActivity.customerId, id)))[0].n;

  it('creates a manual activity (201) on both paths, with the actor', async () => {
    const c = await createCustomer();
    const res: any = await call(POST, {
      method: 'POST',
      params: { id: c.id },
      auth: auth.technician,
      body: {
        type: 'call',
        title: 'Appel de suivi',
        description: 'Rappeler mardi',
        occurredAt: '2024-06-01T08:30:00Z',
        metadata: { durationMin: 5 },
      },
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      customerId: c.id,
      type: 'call',
      title: 'Appel de suivi',
      description: 'Rappeler mardi',
      occurredAt: '2024-06-01T08:30:00.000Z',
      actor: { kind: 'token' },
      metadata: { durationMin: 5 },
    });
    const alias: any = await call(POST_ALIAS, {
      method: 'POST',
      params: { id: c.id },
      auth: auth.manager,
      body: { type: 'visit', title: 'Passage atelier' },
    });
    expect(alias.status).toBe(201);
    expect(Math.abs(new Date(alias.body.occurredAt).getTime() - Date.now())).toBeLessThan(60_000);
    expect(await countFor(c.id)).toBe(2);
    // A datetime-local value (no zone) is Paris time: 10:30 in June = 08:30Z.
    const local: any = await call(POST, {
      method: 'POST',
      params: { id: c.id },
      auth: auth.manager,
      body: { type: 'note', title: 'Heure locale', occurredAt: '2024-06-01T10:30' },
    });
    expect(local.body.occurredAt).toBe('2024-06-01T08:30:00.000Z');
  });

  it('validates: 422 with fields and nothing written', async () => {
    const c = await createCustomer();
    const post = (body: unknown) => call(POST, { method: 'POST', params: { id: c.id }, auth: auth.admin, body });
    const cases: [unknown, string][] = [
      [{ type: 'invoice', title: 'x' }, 'type'],
      [{ type: 'call', title: '   ' }, 'title'],
      [{ type: 'call' }, 'title'],
      [{ type: 'call', title: 'x'.repeat(201) }, 'title'],
      [{ type: 'call', title: 'ok', occurredAt: new Date(Date.now() + 3600_000).toISOString() }, 'occurredAt'],
      [{ type: 'call', title: 'ok', occurredAt: 'demain' }, 'occurredAt'],
      [{ type: 'call', title: 'ok', metadata: { a: { b: { c: { d: 1 } } } } }, 'metadata'],
      [{ type: 'call', title: 'ok', metadata: { big: 'x'.repeat(5000) } }, 'metadata'],
      [{ type: 'call', title: 'ok', metadata: [1, 2] }, 'metadata'],
    ];
    for (const [body, field] of cases) {
      const res = await post(body);
      expect(res.status, JSON.stringify(body).slice(0, 80)).toBe(422);
      expect(res.body.error.code).toBe('validation_failed');
      expect(Object.keys(res.body.error.fields)).toContain(field);
    }
    const malformed = await callRawJson(POST, '{"type":', { params: { id: c.id }, auth: auth.admin });
    expect(malformed.status).toBe(400);
    // 4 minutes ahead is within the clock-skew tolerance.
    expect(
      (await post({ type: 'note', title: 'ok', occurredAt: new Date(Date.now() + 4 * 60_000).toISOString() })).status,
    ).toBe(201);
    expect(await countFor(c.id)).toBe(1);
  });

  it('enforces permissions: viewer 403, anonymous 401, unknown customer 404 — nothing written', async () => {
    const c = await createCustomer();
    const body = { type: 'note', title: 'Tentative' };
    const viewer = await call(POST, { method: 'POST', params: { id: c.id }, auth: auth.viewer, body });
    expect(viewer.status).toBe(403);
    expect(viewer.body.error.code).toBe('forbidden');
    expect((await call(POST_ALIAS, { method: 'POST', params: { id: c.id }, auth: auth.viewer, body })).status).toBe(
      403,
    );
    expect((await call(POST, { method: 'POST', params: { id: c.id }, body })).status).toBe(401);
    expect(
      (
        await call(POST, {
          method: 'POST',
          params: { id: '00000000-0000-4000-8000-000000000000' },
          auth: auth.admin,
          body,
        })
      ).status,
    ).toBe(404);
    expect(await countFor(c.id)).toBe(0);
  });
});

describe('createActivityAction (server action)', () => {
  it('creates from FormData, returns the entry for the timeline; field errors and permissions', async () => {
    const { createActivityAction } = await import('@/lib/activity/actions');
    const { actorFor, createUser } = await import('../factories');
    const c = await createCustomer();
    const fd = (o: Record<string, string>) => {
      const f = new FormData();
      for (const [k, v] of Object.entries(o)) f.append(k, v);
      return f;
    };
    const init = { ok: false, message: '' };
    session.actor = actorFor(await createUser('technician')) as any;
    const ok = await createActivityAction(
      c.id,
      init,
      fd({ type: 'visit', title: 'Visite atelier', description: '', occurredAt: '' }),
    );
    expect(ok).toMatchObject({
      ok: true,
      data: { type: 'visit', title: 'Visite atelier', description: null, customerId: c.id },
    });
    const bad = await createActivityAction(c.id, init, fd({ type: 'visit', title: '' }));
    expect(bad.ok).toBe(false);
    expect(bad.fieldErrors?.title?.[0]).toBe('Le titre est obligatoire.');
    session.actor = actorFor(await createUser('viewer')) as any;
    const denied = await createActivityAction(c.id, init, fd({ type: 'note', title: 'x' }));
    expect(denied.ok).toBe(false);
    session.actor = null;
    expect((await createActivityAction(c.id, init, fd({ type: 'note', title: 'x' }))).ok).toBe(false);
    const rows = await getDb().select().from(customerActivity).where(eq(customerActivity.customerId, c.id));
    expect(rows).toHaveLength(1);
  });
});
