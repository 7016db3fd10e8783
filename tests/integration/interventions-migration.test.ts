import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DbHandle, openPglite } from '@/db';
import { MIGRATIONS_DIR, migrateDb } from '@/db/migrate';
import { refreshRfm } from '@/lib/analytics/rfm';
import { sqlRows } from '@/lib/analytics/sql';

/**
 * Migration 0005 on a database filled before it (old statuses, kinds and single amounts): the
 * data is carried over to the new model. Runs on an in-memory PGlite of its own (the SQL is plain
 * PostgreSQL; the other files run the migrations on both drivers).
 */
let handle: DbHandle;
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'c360-mig-'));
  await cp(MIGRATIONS_DIR, dir, { recursive: true });
  const journalFile = path.join(dir, 'meta', '_journal.json');
  const journal = JSON.parse(await readFile(journalFile, 'utf8')) as { entries: { idx: number }[] };
  journal.entries = journal.entries.filter((e) => e.idx <= 4);
  await writeFile(journalFile, JSON.stringify(journal));
  handle = openPglite();
  await migrateDb(handle, dir);
  const db = handle.db;
  await db.execute(sql`insert into users (id, email, name, role, password_hash)
    values ('00000000-0000-4000-8000-0000000000a1', 'tech@x.fr', 'Tech', 'technician', 'x')`);
  await db.execute(sql`insert into customers (id, kind, last_name, address_line1, postal_code, city)
    values ('00000000-0000-4000-8000-0000000000c1', 'individual', 'Ancien', '5 rue Haute', '75004', 'Paris')`);
  await db.execute(sql`insert into interventions (id, customer_id, technician_id, kind, status, description, scheduled_at, completed_at, amount_cents) values
    ('00000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-0000000000c1', '00000000-0000-4000-8000-0000000000a1', 'maintenance', 'completed', 'Vidange', now() - interval '40 days', now() - interval '40 days', 15000),
    ('00000000-0000-4000-8000-000000000002', '00000000-0000-4000-8000-0000000000c1', null, 'glass', 'completed', 'Pare-brise', now() - interval '10 days', now() - interval '10 days', 30000),
    ('00000000-0000-4000-8000-000000000003', '00000000-0000-4000-8000-0000000000c1', null, 'air-conditioning', 'scheduled', null, now() + interval '5 days', null, 0),
    ('00000000-0000-4000-8000-000000000004', '00000000-0000-4000-8000-0000000000c1', null, 'tyres', 'cancelled', 'Pneus', now() - interval '60 days', null, 0)`);
  await db.execute(sql`insert into invoices (id, customer_id, intervention_id, number, issued_at, due_at, total_ht_cents, vat_cents, total_ttc_cents, status)
    values ('00000000-0000-4000-8000-0000000000f1', '00000000-0000-4000-8000-0000000000c1', '00000000-0000-4000-8000-000000000001',
      'F-OLD-1', now() - interval '40 days', now() - interval '10 days', 15000, 3000, 18000, 'unpaid')`);
  await migrateDb(handle);
});

afterAll(async () => {
  await handle?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('migration 0005 on existing interventions', () => {
  it('maps statuses and kinds, keeps amounts as one line, links invoices, copies the address', async () => {
    const rows = await sqlRows<Record<string, unknown>>(
      handle.db,
      sql`select right(id::text, 1) as n, status, kind, total_ht_cents, total_ttc_cents, invoice_id::text as invoice_id,
          work_done, address_line1, city, duration_minutes
        from interventions order by id`,
    );
    expect(rows).toEqual([
      expect.objectContaining({
        n: '1',
        status: 'invoiced',
        kind: 'maintenance',
        total_ht_cents: 15000,
        total_ttc_cents: 18000,
        invoice_id: '00000000-0000-4000-8000-0000000000f1',
        work_done: 'Vidange',
        address_line1: '5 rue Haute',
        city: 'Paris',
      }),
      expect.objectContaining({
        n: '2',
        status: 'done',
        kind: 'bodywork',
        total_ht_cents: 30000,
        total_ttc_cents: 36000,
        invoice_id: null,
        work_done: 'Pare-brise',
      }),
      expect.objectContaining({
        n: '3',
        status: 'planned',
        kind: 'other',
        total_ht_cents: 0,
        work_done: null,
        duration_minutes: 60,
      }),
      expect.objectContaining({ n: '4', status: 'cancelled', kind: 'tyres', work_done: null }),
    ]);
    const lines = await sqlRows<Record<string, unknown>>(
      handle.db,
      sql`select right(intervention_id::text, 1) as n, label, quantity::text as quantity, unit_price_ht_cents, vat_rate_bp
        from intervention_lines order by intervention_id`,
    );
    expect(lines).toEqual([
      { n: '1', label: 'Vidange', quantity: '1.00', unit_price_ht_cents: 15000, vat_rate_bp: 2000 },
      { n: '2', label: 'Pare-brise', quantity: '1.00', unit_price_ht_cents: 30000, vat_rate_bp: 2000 },
    ]);
  });

  it('the RFM function counts interventions done or invoiced as visits', async () => {
    await refreshRfm(handle.db);
    const [row] = await sqlRows<{ frequency: number }>(
      handle.db,
      sql`select frequency from customer_rfm where customer_id = '00000000-0000-4000-8000-0000000000c1'`,
    );
    expect(Number(row.frequency)).toBe(2);
    await expect(
      handle.db.execute(sql`update interventions set status = 'completed' where right(id::text, 1) = '1'`),
    ).rejects.toThrow();
  });
});
