import { and, eq, inArray } from 'drizzle-orm';
import { describe, expect, it, vi } from 'vitest';
import { DELETE as restoreRoute, POST as dismissRoute } from '@/app/api/customers/[id]/not-duplicate/route';
import { getDb } from '@/db';
import { customerActivity, duplicateDismissals } from '@/db/schema';
import { eraseCustomer } from '@/lib/customers/mutations';
import { dismissPairAction, restorePairAction } from '@/lib/duplicates/actions';
import { dismissPair, listDismissedPairs } from '@/lib/duplicates/dismissals';
import { listDuplicatePairs } from '@/lib/duplicates/pairs';
import { actorFor, createBearer, createCustomer, createUser } from '../factories';
import { call } from '../factories/http';
import type { Actor } from '@/lib/auth/actor';

vi.mock('next/cache', () => ({ revalidatePath: () => {} }));
vi.mock('@/lib/auth/session', async () => (await import('@/tests/factories/session-mock')).sessionMock(() => current));
let current: Actor | null = null;

const db = () => getDb();

/** Two records sharing an e-mail: the duplicates page proposes them. */
async function twins(tag: string) {
  const email = `${tag}@exemple.fr`;
  const a = await createCustomer({ lastName: `Jumeau${tag}`, email });
  const b = await createCustomer({ lastName: `Autre${tag}`, email });
  return { a, b };
}

const proposed = async (x: string, y: string) =>
  (await listDuplicatePairs(db())).some((p) => [p.a.id, p.b.id].sort().join() === [x, y].sort().join());

async function activity(customerId: string, relatedId: string) {
  return db()
    .select({ title: customerActivity.title, actorName: customerActivity.actorName })
    .from(customerActivity)
    .where(and(eq(customerActivity.customerId, customerId), eq(customerActivity.relatedId, relatedId)))
    .orderBy(customerActivity.occurredAt);
}

describe('« Pas un doublon »', () => {
  it('dismisses the pair for good, logs both timelines, and a manager restores it', async () => {
    const { a, b } = await twins('pair1');
    const manager = actorFor(await createUser('manager'));
    expect(await proposed(a.id, b.id)).toBe(true);

    // From b's side: stored once, in id order, and no longer proposed.
    expect(await dismissPair(db(), manager, b.id, a.id)).toEqual({ customerId: b.id, otherId: a.id, changed: true });
    expect(await proposed(a.id, b.id)).toBe(false);
    const rows = await db()
      .select()
      .from(duplicateDismissals)
      .where(inArray(duplicateDismissals.customerAId, [a.id, b.id]));
    expect(rows).toHaveLength(1);
    expect([rows[0].customerAId, rows[0].customerBId]).toEqual([a.id, b.id].sort());
    expect(rows[0].dismissedByName).toBe(manager.name);
    expect((await activity(a.id, b.id)).map((r) => r.title)).toEqual([`Pas un doublon de ${b.number}`]);
    expect((await activity(b.id, a.id)).map((r) => r.title)).toEqual([`Pas un doublon de ${a.number}`]);

    // Idempotent: a second decision changes nothing and logs nothing.
    expect((await dismissPair(db(), manager, a.id, b.id)).changed).toBe(false);
    expect(await activity(a.id, b.id)).toHaveLength(1);

    const listed = await listDismissedPairs(db());
    const mine = listed.find((p) => p.a.id === rows[0].customerAId);
    expect(mine).toMatchObject({ dismissedByName: manager.name });
    expect(mine?.b.displayName).toBeTruthy();

    // « Rétablir » through the API (a manager token): proposed again, both timelines say so.
    const bearer = await createBearer('manager');
    const res = await call(restoreRoute, {
      method: 'DELETE',
      params: { id: a.id },
      query: { otherId: b.id },
      auth: bearer.authorization,
    });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ customerId: a.id, otherId: b.id, changed: true });
    expect(await proposed(a.id, b.id)).toBe(true);
    expect((await activity(b.id, a.id)).map((r) => r.title)).toEqual([
      `Pas un doublon de ${a.number}`,
      `Doublon possible avec ${a.number} à nouveau proposé`,
    ]);
  });

  it('the API: managers and admins only, 404 unknown, 422 self or malformed, 409 erased', async () => {
    const { a, b } = await twins('pair2');
    const post = (role: 'technician' | 'viewer' | 'manager' | 'admin', otherId: unknown, id = a.id) =>
      createBearer(role).then((t) =>
        call(dismissRoute, { method: 'POST', params: { id }, body: { otherId }, auth: t.authorization }),
      );
    expect((await post('technician', b.id)).status).toBe(403);
    expect((await post('viewer', b.id)).status).toBe(403);
    expect(await proposed(a.id, b.id)).toBe(true);
    expect((await post('admin', a.id)).status).toBe(422);
    expect((await post('admin', 'pas-un-id')).status).toBe(422);
    expect((await post('admin', '00000000-0000-4000-8000-000000000000')).status).toBe(404);
    const ok = await post('admin', b.id);
    expect(ok.status).toBe(200);
    expect(ok.body.changed).toBe(true);

    const admin = actorFor(await createUser('admin'));
    const { a: c, b: d } = await twins('pair3');
    await eraseCustomer(db(), admin, d.id);
    expect((await post('admin', d.id, c.id)).status).toBe(409);
    const rows = await db()
      .select()
      .from(duplicateDismissals)
      .where(eq(duplicateDismissals.customerAId, [c.id, d.id].sort()[0]));
    expect(rows).toHaveLength(0);
  });

  it('the server actions check the same rule (a technician is refused, a manager decides)', async () => {
    const { a, b } = await twins('pair4');
    const form = () => {
      const fd = new FormData();
      fd.set('otherId', b.id);
      return fd;
    };
    current = actorFor(await createUser('technician'));
    expect((await dismissPairAction(a.id, { ok: false, message: '' }, form())).ok).toBe(false);
    expect(await proposed(a.id, b.id)).toBe(true);
    current = actorFor(await createUser('manager'));
    const done = await dismissPairAction(a.id, { ok: false, message: '' }, form());
    expect(done.ok).toBe(true);
    expect(await proposed(a.id, b.id)).toBe(false);
    expect((await restorePairAction(a.id, { ok: false, message: '' }, form())).ok).toBe(true);
    expect(await proposed(a.id, b.id)).toBe(true);
  });
});
