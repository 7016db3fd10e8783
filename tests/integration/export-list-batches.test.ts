import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { GET as listExport } from '@/app/api/customers/export/route';
import { getDb } from '@/db';
import { consentEvents, customers, customerTags, tags, vehicles } from '@/db/schema';
import { customerListExtraWhere } from '@/lib/customers/list-filters';
import { listCustomers } from '@/lib/customers/queries';
import { customerListQuerySchema } from '@/lib/customers/schema';
import { customerListCsvStream, customerListExportQuerySchema, LIST_EXPORT_BATCH } from '@/lib/export/list';
import { createBearer } from '../factories';
import { testDriver } from '../setup/db';

/**
 * The list export reads the base in batches (a cursor on PostgreSQL, keyset pages on PGlite): with
 * 2.5 batches of customers, ties on both sort keys, and rows every filter must drop, the file holds
 * exactly the rows the list shows for the same filters, in the list's order, each once.
 */
const TOTAL = Math.round(LIST_EXPORT_BATCH * 2.5);
const base = Date.now() - 30 * 86_400_000;

let auth: string;
const erasedNumbers = new Set<string>();

beforeAll(async () => {
  const db = getDb();
  auth = (await createBearer('manager')).authorization;
  const rows = Array.from({ length: TOTAL }, (_, i) => ({
    kind: i % 4 === 0 ? ('company' as const) : ('individual' as const),
    companyName: i % 4 === 0 ? `Garage ${i}` : null,
    firstName: i % 4 === 0 ? null : 'Lucie',
    lastName: i % 4 === 0 ? null : `Bernard${i}`,
    email: `client${i}@exemple.fr`,
    status: i % 3 === 0 ? ('inactive' as const) : ('active' as const),
    archivedAt: i % 10 === 0 ? new Date(base) : null,
    erasedAt: i % 97 === 0 ? new Date(base) : null,
    city: i % 2 ? 'Lyon' : 'Nantes',
    // Ties on both keyset columns: three customers per minute, two per sort name.
    createdAt: new Date(base + Math.floor(i / 3) * 60_000),
    sortName: `client ${String(Math.floor(i / 2)).padStart(5, '0')}`,
    searchText: `client${i}`,
  }));
  const inserted = await db
    .insert(customers)
    .values(rows)
    .returning({ id: customers.id, number: customers.number, erasedAt: customers.erasedAt });
  for (const c of inserted) if (c.erasedAt) erasedNumbers.add(c.number);
  const [vip] = await db.insert(tags).values({ name: 'VIP' }).returning();
  await db
    .insert(customerTags)
    .values(inserted.filter((_, i) => i % 7 === 0).map((c) => ({ customerId: c.id, tagId: vip.id })));
  await db.insert(vehicles).values(
    inserted
      .filter((_, i) => i % 5 === 0)
      .flatMap((c, k) => [
        { customerId: c.id, plate: `AA-${String(k % 1000).padStart(3, '0')}-BB` },
        { customerId: c.id, plate: `CC-${String(k % 1000).padStart(3, '0')}-DD` },
      ]),
  );
  // A marketing grant without proof (legacy import) is a compliance issue (compliance=issues).
  await db.insert(consentEvents).values(
    inserted
      .filter((_, i) => i % 11 === 0)
      .map((c) => ({
        customerId: c.id,
        purpose: 'marketing',
        channel: 'email',
        granted: true,
        source: 'legacy-import',
        actorKind: 'system' as const,
        actorName: 'test',
      })),
  );
}, 120_000);

/** The list itself, every page: what the export must reproduce. */
async function listed(params: Record<string, string>): Promise<string[]> {
  const db = getDb();
  const numbers: string[] = [];
  let cursor: string | undefined;
  do {
    const query = customerListQuerySchema.parse({ ...params, limit: 100, cursor });
    const page = await listCustomers(db, query, await customerListExtraWhere(db, { role: 'admin' }, query));
    numbers.push(...page.data.map((r) => r.number));
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return numbers;
}

async function exportCsv(params: Record<string, string>) {
  const res = await listExport(
    new Request(`http://localhost/api/customers/export?${new URLSearchParams({ ...params, format: 'csv' })}`, {
      headers: { authorization: auth },
    }),
    {
      params: Promise.resolve({}),
    },
  );
  expect(res.status).toBe(200);
  const lines = (await res.text()).replace(/^\uFEFF/, '').split('\r\n');
  expect(lines.pop()).toBe('');
  return { header: lines[0].split(';'), rows: lines.slice(1).map((l) => l.split(';')) };
}

describe('list export across several batches', () => {
  it.each([
    [{ archived: 'include' }],
    [{ archived: 'include', sort: 'name' }],
    [{ status: 'active', sort: 'name' }],
    [{ kind: 'individual', archived: 'only' }],
    [{ city: 'lyon', status: 'inactive', archived: 'include' }],
    [{ tag: 'vip', archived: 'include', sort: 'name' }],
    [{ q: 'client1', archived: 'include' }],
    [{ compliance: 'issues', archived: 'include' }],
  ])('%j: exactly the listed rows, in the list order', async (params) => {
    const expected = await listed(params);
    const { rows } = await exportCsv(params);
    const numbers = rows.map((r) => r[0]);
    expect(numbers).toEqual(expected);
    expect(new Set(numbers).size).toBe(numbers.length);
    for (const n of numbers) expect(erasedNumbers.has(n)).toBe(false);
  });

  it('the unfiltered export crosses batches and carries tags, vehicle counts and dates', async () => {
    const { header, rows } = await exportCsv({ archived: 'include' });
    const notErased = TOTAL - erasedNumbers.size;
    expect(rows.length).toBe(notErased);
    expect(rows.length).toBeGreaterThan(2 * LIST_EXPORT_BATCH);
    const col = (name: string) => header.indexOf(name);
    // The oldest customer (i = 0) is erased; i = 1 is the last row: individual, no tag, no vehicle.
    const byEmail = new Map(rows.map((r) => [r[col('E-mail')], r]));
    const c35 = byEmail.get('client35@exemple.fr')!; // 35 = 5 × 7: tagged, two vehicles
    expect(c35[col('Étiquettes')]).toBe('VIP');
    expect(c35[col('Véhicules')]).toBe('2');
    expect(c35[col('Nom affiché')]).toBe('Lucie Bernard35');
    expect(c35[col('Créé le')]).toMatch(/^\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}$/);
    const c4 = byEmail.get('client4@exemple.fr')!;
    expect(c4[col('Nom affiché')]).toBe('Garage 4');
    expect(c4[col('Type')]).toBe('Professionnel');
    expect(c4[col('Étiquettes')]).toBe('');
  });

  it('XLSX holds the same rows as the CSV', async () => {
    const params = { status: 'active', sort: 'name' };
    const expected = await listed(params);
    const res = await listExport(
      new Request(`http://localhost/api/customers/export?${new URLSearchParams({ ...params, format: 'xlsx' })}`, {
        headers: { authorization: auth },
      }),
      {
        params: Promise.resolve({}),
      },
    );
    expect(res.status).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(await res.arrayBuffer()) as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('Clients')!;
    const numbers: string[] = [];
    ws.eachRow((row, i) => i > 1 && numbers.push(String(row.getCell(1).value)));
    expect(numbers).toEqual(expected);
    expect(ws.getRow(2).getCell(17).value).toBeInstanceOf(Date);
  });

  it('an unknown segment is refused before any byte is sent', async () => {
    const res = await listExport(
      new Request('http://localhost/api/customers/export?segment=nope', { headers: { authorization: auth } }),
      { params: Promise.resolve({}) },
    );
    expect(res.status).toBe(422);
  });

  it('a client that goes away ends the read: the connection is released, no transaction stays open', async () => {
    const db = getDb();
    const stream = customerListCsvStream(db, customerListExportQuerySchema.parse({ archived: 'include' }));
    const reader = stream.getReader();
    await reader.read(); // header
    const first = await reader.read(); // first customer: the read has started
    expect(first.done).toBe(false);
    await reader.cancel();
    if (testDriver() === 'postgres') {
      let open = -1;
      for (let i = 0; i < 50 && open !== 0; i++) {
        const result = await db.execute(
          sql`select count(*)::int as n from pg_stat_activity where datname = current_database() and state like 'idle in transaction%'`,
        );
        open = Number((Array.isArray(result) ? result : (result as { rows: { n: number }[] }).rows)[0].n);
        if (open) await new Promise((r) => setTimeout(r, 100));
      }
      expect(open).toBe(0);
    }
    // The database still answers (on PGlite: no query left hanging on the single connection).
    const again = await exportCsv({ tag: 'vip', archived: 'include' });
    expect(again.rows.length).toBeGreaterThan(0);
  });
});
