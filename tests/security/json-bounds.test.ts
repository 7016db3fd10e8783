import { beforeAll, describe, expect, it } from 'vitest';
import { POST } from '@/app/api/customers/[id]/activities/route';
import { POST as CREATE_CUSTOMER } from '@/app/api/customers/route';
import { manualActivitySchema } from '@/lib/activity/schema';
import { bearersByRole, createCustomer } from '../factories';
import { call } from '../factories/http';

/**
 * Free JSON (activity metadata) and JSON bodies in general are bounded before any recursive
 * validation: a deeply nested or huge value is a 422 naming the field, never a 500 from a stack
 * overflow in a recursive validator. README "Security notes" → "Request bodies".
 */
let auth: Awaited<ReturnType<typeof bearersByRole>>;
let customerId: string;
beforeAll(async () => {
  auth = await bearersByRole();
  customerId = (await createCustomer()).id;
});

function nested(depth: number): unknown {
  let v: unknown = 'fond';
  for (let i = 0; i < depth; i++) v = { a: v };
  return v;
}

const post = (body: unknown, rawBody?: string) =>
  call(POST, {
    method: 'POST',
    params: { id: customerId },
    auth: auth.technician,
    ...(rawBody ? { rawBody, headers: { 'content-type': 'application/json' } } : { body }),
  });

describe('activity metadata bounds', () => {
  it('metadata nested 3,000 levels deep → 422 on metadata (not 500)', async () => {
    const res = await post({ type: 'call', title: 'Appel', metadata: { x: nested(3000) } });
    expect(res.status).toBe(422);
    expect(res.body.error.fields.metadata?.[0]).toMatch(/imbriqu/);
  });

  it('the shared schema itself (form, action, handler) refuses 5,000 levels without overflowing the stack', () => {
    const parsed = manualActivitySchema.safeParse({ type: 'call', title: 'Appel', metadata: { x: nested(5000) } });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]).toMatchObject({ path: ['metadata'] });
    expect(parsed.error?.issues[0].message).toMatch(/imbriqu/);
  });

  it('metadata nested 4 deep → 422, 3 deep → 201', async () => {
    expect((await post({ type: 'call', title: 'Appel', metadata: { x: nested(3) } })).status).toBe(422);
    expect((await post({ type: 'call', title: 'Appel', metadata: { x: nested(2) } })).status).toBe(201);
  });

  it('metadata with more than 500 values → 422; above 4 KB → 422', async () => {
    const many = { list: Array.from({ length: 600 }, () => 1) };
    const res = await post({ type: 'call', title: 'Appel', metadata: many });
    expect(res.status).toBe(422);
    expect(res.body.error.fields.metadata?.[0]).toMatch(/valeurs/);
    const big = await post({ type: 'call', title: 'Appel', metadata: { s: 'x'.repeat(5000) } });
    expect(big.status).toBe(422);
    expect(big.body.error.fields.metadata?.[0]).toMatch(/volumineuses/);
  });
});

describe('JSON body bounds (any route)', () => {
  it('a body nested 10,000 levels deep → 422 before the schema runs', async () => {
    const raw = '{"a":'.repeat(10_000) + '1' + '}'.repeat(10_000);
    const res = await call(CREATE_CUSTOMER, {
      method: 'POST',
      auth: auth.admin,
      rawBody: raw,
      headers: { 'content-type': 'application/json' },
    });
    expect(res.status).toBe(422);
    expect(res.text).toMatch(/imbriqu/);
  });

  it('a body with more than 20,000 values → 422', async () => {
    const raw = JSON.stringify({ kind: 'individual', lastName: 'Durand', x: Array.from({ length: 25_000 }, () => 0) });
    const res = await call(CREATE_CUSTOMER, {
      method: 'POST',
      auth: auth.admin,
      rawBody: raw,
      headers: { 'content-type': 'application/json' },
    });
    expect(res.status).toBe(422);
    expect(res.text).toMatch(/valeurs/);
  });
});
