import { count, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { getDb, getDbHandle } from '@/db';
import { consentEvents, customers } from '@/db/schema';
import { createCustomer } from '../factories';

describe(`database (${process.env.TEST_DRIVER ?? 'pglite'})`, () => {
  it('is migrated and numbers customers C-000001, C-000002…', async () => {
    const a = await createCustomer();
    const b = await createCustomer();
    expect(a.number).toMatch(/^C-\d{6}$/);
    expect(Number(b.number.slice(2))).toBe(Number(a.number.slice(2)) + 1);
    const [{ n }] = await getDb().select({ n: count() }).from(customers);
    expect(n).toBe(2);
    expect(getDbHandle().driver).toBe(process.env.TEST_DRIVER === 'postgres' ? 'postgres' : 'pglite');
  });

  it('rejects UPDATE and DELETE on consent_events in the database itself', async () => {
    const c = await createCustomer();
    const db = getDb();
    await db.insert(consentEvents).values({
      customerId: c.id,
      purpose: 'marketing',
      channel: 'email',
      granted: true,
      source: 'paper-form',
      actorKind: 'system',
      actorName: 'test',
    });
    await expect(db.update(consentEvents).set({ granted: false })).rejects.toThrow();
    await expect(db.delete(consentEvents)).rejects.toThrow();
    const [{ n }] = await db.select({ n: count() }).from(consentEvents);
    expect(n).toBe(1);
  });

  it('keeps a searchable tsvector generated from search_text', async () => {
    await createCustomer({ searchText: 'dupont garage lyon' });
    const rows = await getDb()
      .select({ id: customers.id })
      .from(customers)
      .where(sql`${customers.searchVector} @@ to_tsquery('simple', 'garag:*')`);
    expect(rows).toHaveLength(1);
  });
});
