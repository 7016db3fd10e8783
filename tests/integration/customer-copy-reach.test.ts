import { count, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { POST as duplicateRoute } from '@/app/api/customers/[id]/duplicate/route';
import { getDb } from '@/db';
import { customerActivity, customers } from '@/db/schema';
import type { Actor } from '@/lib/auth/actor';
import { COPY_CLEARED_FIELDS } from '@/lib/customers/copy-fields';
import { actorFor, bearersByRole, createCustomer, createUser } from '../factories';
import { call } from '../factories/http';

const session = vi.hoisted(() => ({ actor: null as null | Record<string, unknown> }));
vi.mock('@/lib/auth/session', async () =>
  (await import('@/tests/factories/session-mock')).sessionMock(() => session.actor),
);
vi.mock('next/cache', () => ({ revalidatePath: () => {} }));
// The success redirect (to the copy's edit form) is Next's; here it only has to not throw.
vi.mock('next/navigation', async (original) => ({ ...(await original<object>()), redirect: () => {} }));
const { copyCustomerAction } = await import('@/lib/customers/copy-actions');

let auth: Awaited<ReturnType<typeof bearersByRole>>;
let manager: Actor;
beforeAll(async () => {
  auth = await bearersByRole();
  manager = actorFor(await createUser('manager'));
});

const db = () => getDb();
const duplicate = (id: string, body: unknown, who = auth.manager) =>
  call(duplicateRoute, { method: 'POST', params: { id }, auth: who, ...(body === undefined ? {} : { body }) });
async function totals() {
  const [c] = await db().select({ n: count() }).from(customers);
  const [a] = await db().select({ n: count() }).from(customerActivity);
  return { customers: Number(c.n), activity: Number(a.n) };
}

describe('« Dupliquer » never creates an unreachable customer', () => {
  it('no e-mail nor phone for the copy → 422 on email, nothing written (API and form)', async () => {
    const src = await createCustomer({ siret: '73282932000074', vatNumber: 'FR44732829320', mobile: '+33612000009' });
    const before = await totals();
    for (const body of [undefined, {}, { keepPhones: false }, { email: '' }]) {
      const res = await duplicate(src.id, body);
      expect(res.status, JSON.stringify(body)).toBe(422);
      expect(res.body.error.fields.email[0]).toMatch(/au moins un moyen de contact/);
    }
    // A source without phones: keeping them does not make the copy reachable.
    const silent = await createCustomer({ phone: null, mobile: null });
    const afterSilent = await totals();
    expect((await duplicate(silent.id, { keepPhones: true })).status).toBe(422);
    expect(await totals()).toEqual(afterSilent);
    expect(afterSilent.customers).toBe(before.customers + 1);
    expect(afterSilent.activity).toBe(before.activity);

    session.actor = manager as never;
    const refused = await copyCustomerAction(src.id, { ok: false, message: '' }, new FormData());
    expect(refused.ok).toBe(false);
    expect(refused.fieldErrors?.email?.[0]).toMatch(/au moins un moyen de contact/);
    expect(await totals()).toEqual(afterSilent);
  });

  it('the copy takes the e-mail or phone given (validated), and every cleared field is cleared', async () => {
    const src = await createCustomer({ siret: '73282932000074', vatNumber: 'FR44732829320', mobile: '+33612000009' });
    const bad = await duplicate(src.id, { email: 'pas-un-email' });
    expect(bad.status).toBe(422);
    expect(bad.body.error.fields.email).toBeDefined();
    const res = await duplicate(src.id, { phone: '04 78 00 00 42' });
    expect(res.status, res.text).toBe(201);
    expect(res.body.phone).toBe('+33478000042');
    for (const field of COPY_CLEARED_FIELDS.filter((f) => f !== 'phone')) expect(res.body[field], field).toBeNull();
    const kept = await duplicate(src.id, { keepPhones: true });
    expect(kept.status).toBe(201);
    expect(kept.body).toMatchObject({ phone: src.phone, mobile: '+33612000009', email: null, siret: null });

    session.actor = manager as never;
    const fd = new FormData();
    fd.set('email', 'agence2@exemple.fr');
    const ok = await copyCustomerAction(src.id, { ok: false, message: '' }, fd);
    expect(ok.ok, ok.message).toBe(true);
    const [copy] = await db()
      .select()
      .from(customers)
      .where(eq(customers.id, (ok.data as { id: string }).id));
    expect(copy).toMatchObject({ email: 'agence2@exemple.fr', phone: null, mobile: null });
  });

  it('roles, unknown and erased customers', async () => {
    const src = await createCustomer();
    expect((await duplicate(src.id, { email: 'a@exemple.fr' }, auth.technician)).status).toBe(403);
    expect((await duplicate(src.id, { email: 'a@exemple.fr' }, auth.viewer)).status).toBe(403);
    expect((await duplicate('00000000-0000-4000-8000-000000000000', { email: 'a@exemple.fr' })).status).toBe(404);
    await db().update(customers).set({ erasedAt: new Date() }).where(eq(customers.id, src.id));
    const before = await totals();
    expect((await duplicate(src.id, { email: 'a@exemple.fr' })).status).toBe(409);
    expect(await totals()).toEqual(before);
  });
});
