import { count, eq, sql } from 'drizzle-orm';
import { encode } from 'next-auth/jwt';
import { beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { getDb, getDbHandle, openPostgres } from '@/db';
import { customerNotes, idempotencyKeys } from '@/db/schema';
import * as notesRoute from '@/app/api/customers/[id]/notes/route';
import * as toggleRoute from '@/app/api/customers/[id]/toggle-status/route';
import { withAuth } from '@/lib/auth/with-auth';
import { authSecret } from '@/lib/env';
import { idempotent, pruneIdempotencyKeys } from '@/lib/http/idempotency';
import { json } from '@/lib/http/responses';
import type { RouteDef } from '@/lib/openapi/registry';
import { actorFor, createBearer, createCustomer, createUser } from '../factories';
import { call, type CallOptions } from '../factories/http';
import { testDriver } from '../setup/db';

/**
 * `Idempotency-Key` through the real route handlers (withAuth applies it to every write): replay,
 * another body, two at once, expiry, one caller's keys invisible to another, 5xx released, a bad
 * header (uploads and the OpenAPI document: idempotency-upload.test.ts).
 */
const COOKIE = 'authjs.session-token';
let tech: string;
let otherTech: string;
let manager: string;
let userCookie: string;
let customer: { id: string };

beforeAll(async () => {
  tech = (await createBearer('technician')).authorization;
  otherTech = (await createBearer('technician')).authorization;
  manager = (await createBearer('manager')).authorization;
  const user = await createUser('technician');
  userCookie = `${COOKIE}=${await encode({ token: { uid: user.id }, secret: authSecret(), salt: COOKIE })}`;
  customer = await createCustomer();
});

const notePath = (id = customer.id) => `/api/customers/${id}/notes`;
function postNote(key: string | null, body: unknown, opts: CallOptions = {}) {
  return call(notesRoute.POST, {
    method: 'POST',
    path: notePath(),
    params: { id: customer.id },
    auth: tech,
    body,
    ...opts,
    headers: { ...(key === null ? {} : { 'idempotency-key': key }), ...opts.headers },
  });
}
async function noteCount() {
  const [r] = await getDb().select({ n: count() }).from(customerNotes).where(eq(customerNotes.customerId, customer.id));
  return Number(r.n);
}
const keyRows = async (key: string) => getDb().select().from(idempotencyKeys).where(eq(idempotencyKeys.key, key));

describe('replay', () => {
  it('the same key and body returns the first response (status, body) marked replayed; one row', async () => {
    const before = await noteCount();
    const first = await postNote('note-1', { body: 'Portail bleu' });
    expect(first.status, first.text).toBe(201);
    expect(first.headers.get('idempotent-replayed')).toBeNull();
    const again = await postNote('note-1', { body: 'Portail bleu' });
    expect(again.status).toBe(201);
    expect(again.text).toBe(first.text);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(again.headers.get('content-type')).toBe(first.headers.get('content-type'));
    expect(await noteCount()).toBe(before + 1);
    const [row] = await keyRows('note-1');
    expect(row).toMatchObject({ actorKind: 'token', method: 'POST', path: notePath(), status: 201 });
  });

  it('a 4xx is kept and replayed too (nothing written either time)', async () => {
    const before = await noteCount();
    const first = await postNote('bad-note', { body: '' });
    expect(first.status).toBe(422);
    const again = await postNote('bad-note', { body: '' });
    expect(again.status).toBe(422);
    expect(again.body).toEqual(first.body);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(await noteCount()).toBe(before);
  });

  it('a route without a body (toggle status) acts once', async () => {
    const c = await createCustomer();
    const toggle = () =>
      call(toggleRoute.POST, {
        method: 'POST',
        path: `/api/customers/${c.id}/toggle-status`,
        params: { id: c.id },
        auth: manager,
        headers: { 'idempotency-key': `toggle-${c.id}` },
      });
    const first = await toggle();
    expect(first.status, first.text).toBe(200);
    const again = await toggle();
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(again.body.status).toBe(first.body.status);
  });

  it('without the header, or on a GET, nothing changes: each POST acts', async () => {
    const before = await noteCount();
    await postNote(null, { body: 'Sans clé' });
    await postNote(null, { body: 'Sans clé' });
    expect(await noteCount()).toBe(before + 2);
    const list = await call(notesRoute.GET, {
      path: notePath(),
      params: { id: customer.id },
      auth: tech,
      headers: { 'idempotency-key': 'not checked on a read' },
    });
    expect(list.status).toBe(200);
  });
});

describe('refusals', () => {
  it('the same key with another body, method or path → 422 idempotency_mismatch, nothing written', async () => {
    await postNote('reused', { body: 'Premier' });
    const before = await noteCount();
    const other = await postNote('reused', { body: 'Second' });
    expect(other.status).toBe(422);
    expect(other.body.error.code).toBe('idempotency_mismatch');
    expect(other.body.error.message).toMatch(/déjà servi/);
    const c = await createCustomer();
    const elsewhere = await postNote('reused', { body: 'Premier' }, { path: notePath(c.id), params: { id: c.id } });
    expect(elsewhere.status).toBe(422);
    expect(await noteCount()).toBe(before);
    expect(await keyRows('reused')).toHaveLength(1);
  });

  it.each([
    ['empty', ''],
    ['256 characters', 'k'.repeat(256)],
    ['a space', 'a b'],
    ['a tab', 'a\tb'],
    ['non-ASCII', 'clé'],
    ['a DEL', 'a\x7fb'],
  ])('a malformed key (%s) → 400, nothing written', async (_, key) => {
    const before = await noteCount();
    const res = await postNote(key, { body: 'Clé invalide' });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('bad_request');
    expect(res.body.error.message).toMatch(/Idempotency-Key/);
    expect(await noteCount()).toBe(before);
  });

  it('255 visible characters are a valid key', async () => {
    const res = await postNote('~'.repeat(255), { body: 'Clé longue' });
    expect(res.status).toBe(201);
  });
});

describe('keys per caller and over time', () => {
  it('the same key from another token or a signed-in user acts for each (per-caller keys)', async () => {
    const before = await noteCount();
    const a = await postNote('shared-key', { body: 'Même clé' });
    const b = await postNote('shared-key', { body: 'Même clé' }, { auth: otherTech });
    const c = await postNote(
      'shared-key',
      { body: 'Même clé' },
      { auth: null, headers: { cookie: userCookie, 'sec-fetch-site': 'same-origin' } },
    );
    for (const res of [a, b, c]) {
      expect(res.status, res.text).toBe(201);
      expect(res.headers.get('idempotent-replayed')).toBeNull();
    }
    expect(new Set([a.body.id, b.body.id, c.body.id]).size).toBe(3);
    expect(await noteCount()).toBe(before + 3);
    expect((await keyRows('shared-key')).map((r) => r.actorKind).sort()).toEqual(['token', 'token', 'user']);
  });

  it('after 24 h the key is expired: the request acts again; pruning deletes expired keys', async () => {
    const first = await postNote('old-key', { body: 'Hier' });
    await getDb()
      .update(idempotencyKeys)
      .set({ createdAt: sql`now() - interval '25 hours'` })
      .where(eq(idempotencyKeys.key, 'old-key'));
    const again = await postNote('old-key', { body: 'Hier' });
    expect(again.status).toBe(201);
    expect(again.headers.get('idempotent-replayed')).toBeNull();
    expect(again.body.id).not.toBe(first.body.id);
    expect(await keyRows('old-key')).toHaveLength(1);

    await getDb()
      .update(idempotencyKeys)
      .set({ createdAt: sql`now() - interval '25 hours'` })
      .where(eq(idempotencyKeys.key, 'old-key'));
    expect(await pruneIdempotencyKeys(getDb())).toBe(1);
    expect(await keyRows('old-key')).toHaveLength(0);
  });
});

/** A test route through the real withAuth: its handler waits on a gate, or fails the first time. */
const testRoute = {
  method: 'post',
  path: '/api/test/idempotency',
  summary: 'test',
  tag: 'test',
  permission: null,
  body: z.object({ n: z.number() }),
  responses: [],
} as const satisfies RouteDef;
const runs: number[] = [];
let gate: Promise<void> = Promise.resolve();
let failNext = false;
const TEST = withAuth(testRoute, async ({ body }) => {
  await gate;
  if (failNext) {
    failNext = false;
    throw new Error('boom');
  }
  runs.push(body.n);
  return json({ n: body.n, run: runs.length }, { status: 201, headers: { location: `/x/${runs.length}` } });
});
const postTest = (key: string, n: number, auth = tech) =>
  call(TEST, { method: 'POST', path: testRoute.path, auth, body: { n }, headers: { 'idempotency-key': key } });

describe('two at once, failures', () => {
  it('a second request while the first runs → 409 idempotency_in_progress; then the replay', async () => {
    runs.length = 0;
    let open!: () => void;
    gate = new Promise((resolve) => (open = resolve));
    const first = postTest('busy', 1);
    await new Promise((resolve) => setTimeout(resolve, 50));
    const second = await postTest('busy', 1);
    expect(second.status).toBe(409);
    expect(second.body.error.code).toBe('idempotency_in_progress');
    expect(second.headers.get('retry-after')).toBe('1');
    open();
    expect((await first).status).toBe(201);
    const third = await postTest('busy', 1);
    expect(third.headers.get('idempotent-replayed')).toBe('true');
    expect(third.headers.get('location')).toBe('/x/1');
    expect(runs).toEqual([1]);
  });

  it('two concurrent notes with the same key → one note; the other is a 409 or the replay', async () => {
    const before = await noteCount();
    const results = await Promise.all([
      postNote('race', { body: 'En même temps' }),
      postNote('race', { body: 'En même temps' }),
    ]);
    const statuses = results.map((r) => r.status).sort();
    expect([
      [201, 201],
      [201, 409],
    ]).toContainEqual(statuses);
    expect(await noteCount()).toBe(before + 1);
    expect(await keyRows('race')).toHaveLength(1);
  });

  it('a 5xx releases the key: the retry acts', async () => {
    runs.length = 0;
    gate = Promise.resolve();
    failNext = true;
    const failed = await postTest('flaky', 7);
    expect(failed.status).toBe(500);
    expect(await keyRows('flaky')).toHaveLength(0);
    const retry = await postTest('flaky', 7);
    expect(retry.status).toBe(201);
    expect(runs).toEqual([7]);
  });

  it.runIf(testDriver() === 'postgres')('two app instances (two pools) share the lock', async () => {
    const second = openPostgres(getDbHandle().url!, 2);
    try {
      const actor = actorFor(await createUser('technician'));
      const req = () =>
        new Request('http://localhost/api/test/x', { method: 'DELETE', headers: { 'idempotency-key': 'k' } });
      let open!: () => void;
      const wait = new Promise<void>((resolve) => (open = resolve));
      let acted = 0;
      const slow = idempotent(getDb(), actor, 'k', req(), false, async () => {
        await wait;
        acted++;
        return new Response(null, { status: 204 });
      });
      await new Promise((resolve) => setTimeout(resolve, 100));
      await expect(
        idempotent(second.db, actor, 'k', req(), false, async () => new Response(null, { status: 204 })),
      ).rejects.toMatchObject({ code: 'idempotency_in_progress' });
      open();
      expect((await slow).status).toBe(204);
      const replay = await idempotent(second.db, actor, 'k', req(), false, async () => {
        acted++;
        return new Response(null, { status: 204 });
      });
      expect(replay.headers.get('idempotent-replayed')).toBe('true');
      expect(acted).toBe(1);
    } finally {
      await second.close();
    }
  });
});
