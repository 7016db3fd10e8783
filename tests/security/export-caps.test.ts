import { sql } from 'drizzle-orm';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { GET as EXPORT_ONE } from '@/app/api/customers/[id]/export/route';
import { GET as EXPORT_LIST } from '@/app/api/customers/export/route';
import { getDb } from '@/db';
import { createBearer, createCustomer } from '../factories';

/**
 * A list export holds database work (on PostgreSQL a pooled connection) while it streams: at most
 * 2 per user and 4 per instance (below the pool of 10) run at once, the next gets 429 with
 * Retry-After; a download the client stops reading is cut after EXPORT_LIMITS.idleMs (60 s).
 * README "Security notes" → "Exports".
 */
const open: ReadableStream<Uint8Array>[] = [];
// Imported when used, so the first test also runs (and fails) on code without the module.
const slots = () => import('@/lib/export/slots');
let customerId: string;

beforeAll(async () => {
  // Enough rows that the CSV cannot be produced into the stream's 64 KB queue at once.
  await getDb().execute(sql`
    insert into customers (kind, last_name, first_name, sort_name, search_text, email, city)
    select 'individual', 'Export ' || g, 'Client', 'export ' || g, 'export ' || g, 'export' || g || '@exemple.fr', 'Lyon'
    from generate_series(1, 3000) g`);
  customerId = (await createCustomer()).id;
});

afterEach(async () => {
  while (open.length)
    await open
      .pop()!
      .cancel()
      .catch(() => {});
  const mod = await slots().catch(() => null);
  if (mod) mod.EXPORT_LIMITS.idleMs = 60_000;
});

async function startList(authorization: string): Promise<Response> {
  const res = await EXPORT_LIST(
    new Request('http://localhost/api/customers/export?format=csv&archived=include', { headers: { authorization } }),
    { params: Promise.resolve({}) },
  );
  if (res.body) open.push(res.body);
  return res;
}

describe('concurrent export caps', () => {
  it('a third list export of one user → 429 with Retry-After; another user still gets one', async () => {
    const a = (await createBearer('manager')).authorization;
    expect((await startList(a)).status).toBe(200);
    expect((await startList(a)).status).toBe(200);
    const third = await startList(a);
    expect(third.status).toBe(429);
    expect(Number(third.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await third.json()).error.message).toMatch(/export/i);
    // The per-customer export counts too.
    const one = await EXPORT_ONE(
      new Request(`http://localhost/api/customers/${customerId}/export?format=json`, { headers: { authorization: a } }),
      { params: Promise.resolve({ id: customerId }) },
    );
    expect(one.status).toBe(429);
    const b = (await createBearer('admin')).authorization;
    expect((await startList(b)).status).toBe(200);
  });

  it('a fifth export on the instance → 429 whoever asks; a finished or cancelled export frees its slot', async () => {
    const { activeExports } = await slots();
    for (let i = 0; i < 4; i++)
      expect((await startList((await createBearer('manager')).authorization)).status).toBe(200);
    expect(activeExports()).toBe(4);
    const fifth = await startList((await createBearer('admin')).authorization);
    expect(fifth.status).toBe(429);
    expect(fifth.headers.get('retry-after')).toMatch(/^\d+$/);
    await open.shift()!.cancel();
    expect(activeExports()).toBe(3);
    const again = await startList((await createBearer('admin')).authorization);
    expect(again.status).toBe(200);
    // Read to the end: the slot is given back when the file is complete.
    const body = open.pop()!;
    const text = await new Response(body).text();
    expect(text.split('\n').length).toBeGreaterThan(3000);
    expect(activeExports()).toBe(3);
  });

  it('a download nobody reads is cut after idleMs and its slot given back', async () => {
    const { activeExports, EXPORT_LIMITS } = await slots();
    EXPORT_LIMITS.idleMs = 300;
    const res = await startList((await createBearer('manager')).authorization);
    expect(res.status).toBe(200);
    const reader = res.body!.getReader();
    await reader.read();
    expect(activeExports()).toBe(1);
    await new Promise((r) => setTimeout(r, 900));
    expect(activeExports()).toBe(0);
    await expect(
      (async () => {
        for (;;) if ((await reader.read()).done) return;
      })(),
    ).rejects.toThrow(/inactif|idle/i);
  });
});
