import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { count, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as oneRoute from '@/app/api/customers/[id]/route';
import * as listRoute from '@/app/api/customers/route';
import { getDb } from '@/db';
import { consentEvents, customers, legacyIdMap } from '@/db/schema';
import { SYSTEM_ACTOR } from '@/lib/auth/actor';
import { geocodeCustomer } from '@/lib/customers/geocode-on-save';
import { dataDir, resetEnvCache } from '@/lib/env';
import { importLegacy } from '@/lib/legacy-import/run';
import { createCustomer, suiteBearers } from '../factories';
import { call } from '../factories/http';

const bearer = suiteBearers();

const header =
  'id;type;nom;prenom;societe;siret;adresse;cp;ville;tel;email;vehicules;notes;date_creation;actif;optin_mail';
const csv = (...rows: string[]) => Buffer.from([header, ...rows].join('\r\n'), 'utf8');
const SIRET = '73282932000074';
const EMAIL = 'contact@garage-efface.fr';
const FILE = csv(
  `L-7001;PRO;;;Garage Effacé;${SIRET};5 rue des Oubliés;69003;Lyon;0472000001;${EMAIL};;;01/02/2015;1;1`,
  'L-7002;P;Gardé;Paul;;;6 rue des Restés;69003;Lyon;0612340002;paul.garde@exemple.fr;;;01/02/2015;1;0',
);
const n = async (table: any, where?: any) =>
  Number((await getDb().select({ c: count() }).from(table).where(where))[0].c);

async function importedId(legacyId: string) {
  const [row] = await getDb().select().from(legacyIdMap).where(eq(legacyIdMap.legacyId, legacyId));
  return row.customerId;
}

/** Every text value of every row of a table, to look for personal data in clear. */
async function allText(table: string): Promise<string> {
  const rows = await getDb().execute(sql.raw(`select row_to_json(t)::text as j from "${table}" t`));
  const list = (Array.isArray(rows) ? rows : (rows as { rows: unknown[] }).rows) as { j: string }[];
  return list.map((r) => r.j).join('\n');
}

async function backupFiles(): Promise<string[]> {
  const root = path.join(dataDir(), 'backups');
  const out: string[] = [];
  for (const dir of await readdir(root, { withFileTypes: true })) {
    if (!dir.isDirectory()) continue;
    for (const f of await readdir(path.join(root, dir.name))) out.push(path.join(root, dir.name, f));
  }
  return out;
}

describe('GDPR erasure tombstone', () => {
  let erasedId: string;

  it('import, then a second import whose backup holds the person, then the erasure (204)', async () => {
    const first = await importLegacy(getDb(), SYSTEM_ACTOR, { buffer: FILE, fileName: 'ancien.csv' });
    expect(first.stats.imported).toBe(2);
    // A second run takes a backup that contains the first run's customers.
    const other = csv('L-7003;P;Autre;Anne;;;7 rue X;69003;Lyon;0612340003;anne.autre@exemple.fr;;;01/02/2015;1;0');
    expect((await importLegacy(getDb(), SYSTEM_ACTOR, { buffer: other, fileName: 'autre.csv' })).stats.imported).toBe(
      1,
    );
    expect((await Promise.all((await backupFiles()).map((f) => readFile(f, 'utf8')))).join('\n')).toContain(EMAIL);
    erasedId = await importedId('L-7001');
    const res = await call(oneRoute.DELETE, { method: 'DELETE', auth: bearer.admin, params: { id: erasedId } });
    expect(res.status).toBe(204);
  });

  it('keeps keyed hashes of the legacy id, the e-mail and the SIRET, and nothing in clear', async () => {
    const rows = await getDb().execute(sql`select kind, hash, erased_at from erasure_tombstones order by kind`);
    const list = (Array.isArray(rows) ? rows : (rows as { rows: unknown[] }).rows) as { kind: string; hash: string }[];
    expect(list.map((r) => r.kind)).toEqual(['email', 'legacy_id', 'siret']);
    for (const r of list) expect(r.hash).toMatch(/^[0-9a-f]{64}$/);
    const text = await allText('erasure_tombstones');
    for (const clear of [EMAIL, SIRET, 'L-7001', 'Garage', erasedId]) expect(text).not.toContain(clear);
  });

  it('erasure purges the person from the existing import backups', async () => {
    const contents = (await Promise.all((await backupFiles()).map((f) => readFile(f, 'utf8')))).join('\n');
    for (const clear of [EMAIL, SIRET, 'Garage Effacé', erasedId]) expect(contents).not.toContain(clear);
    // The other customers are still there.
    expect(contents).toContain('paul.garde@exemple.fr');
  });

  it('re-running the same legacy import does not re-create the person: the row says "effacé le <date>"', async () => {
    const before = await n(customers);
    const grants = await n(consentEvents, eq(consentEvents.granted, true));
    const again = await importLegacy(getDb(), SYSTEM_ACTOR, { buffer: FILE, fileName: 'ancien.csv' });
    expect(again.stats.imported).toBe(0);
    const row = again.rows.find((r) => r.legacyId === 'L-7001')!;
    expect(row.status).toBe('skipped');
    expect(row.skip?.code).toBe('erased');
    expect(row.skip?.message).toMatch(/^Personne effacée \(RGPD\) le \d{2}\/\d{2}\/\d{4}/);
    expect(again.rows.find((r) => r.legacyId === 'L-7002')!.skip?.code).toBe('already-imported');
    // Same person under a new legacy id (re-exported file): recognised by e-mail or SIRET.
    const renamed = await importLegacy(getDb(), SYSTEM_ACTOR, {
      buffer: csv(`N-1;PRO;;;Garage Effacé;${SIRET};5 rue des Oubliés;69003;Lyon;0472000009;;;;01/02/2015;1;1`),
      fileName: 'nouvel-export.csv',
    });
    expect(renamed.rows[0].skip?.code).toBe('erased');
    expect(await n(customers)).toBe(before);
    expect(await n(consentEvents, eq(consentEvents.granted, true))).toBe(grants);
  });

  it('create answers 409 erased_person in French; only an admin confirming with confirmErased creates', async () => {
    const body = { kind: 'company', companyName: 'Garage Revenu', email: EMAIL.toUpperCase() };
    const refused = await call(listRoute.POST, { method: 'POST', auth: bearer.manager, body });
    expect(refused.body).toMatchObject({ error: { code: 'erased_person' } });
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('erased_person');
    expect(refused.body.error.message).toMatch(/effacée \(RGPD\) le \d{2}\/\d{2}\/\d{4}/);
    const bySiret = await call(listRoute.POST, {
      method: 'POST',
      auth: bearer.admin,
      body: { kind: 'company', companyName: 'Autre nom', siret: SIRET, phone: '0472000010' },
    });
    expect(bySiret.status).toBe(409);
    const notAllowed = await call(listRoute.POST, {
      method: 'POST',
      auth: bearer.manager,
      query: { confirmErased: 'true' },
      body,
    });
    expect(notAllowed.status).toBe(403);
    const confirmed = await call(listRoute.POST, {
      method: 'POST',
      auth: bearer.admin,
      query: { confirmErased: 'true' },
      body,
    });
    expect(confirmed.status).toBe(201);
    const unrelated = await call(listRoute.POST, {
      method: 'POST',
      auth: bearer.manager,
      body: { kind: 'individual', lastName: 'Neuf', email: 'neuf@exemple.fr' },
    });
    expect(unrelated.status).toBe(201);
  });
});

describe('geocode cache after an erasure', () => {
  let server: Server;
  beforeAll(async () => {
    server = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify({
          features: [
            {
              geometry: { coordinates: [4.85, 45.75] },
              properties: { label: '9 Rue des Souvenirs 69003 Lyon', score: 0.9, type: 'housenumber' },
            },
          ],
        }),
      );
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    process.env.GEOCODER_URL = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    resetEnvCache();
  });
  afterAll(async () => {
    delete process.env.GEOCODER_URL;
    resetEnvCache();
    await new Promise((r) => server.close(r));
  });

  it('keys the cache without the address in clear, keeps no label, and the erasure removes the entry', async () => {
    const c = await createCustomer({ addressLine1: '9 rue des Souvenirs', postalCode: '69003', city: 'Lyon' });
    const other = await createCustomer({ addressLine1: '1 place Bellecour', postalCode: '69002', city: 'Lyon' });
    expect(await geocodeCustomer(getDb(), c.id)).toMatchObject({ source: 'ban' });
    await geocodeCustomer(getDb(), other.id);
    const text = await allText('geocode_cache');
    expect(await n(sql`geocode_cache`)).toBe(2);
    for (const clear of ['souvenirs', 'Souvenirs', 'bellecour', c.id]) expect(text).not.toContain(clear);
    const res = await call(oneRoute.DELETE, { method: 'DELETE', auth: bearer.admin, params: { id: c.id } });
    expect(res.status).toBe(204);
    expect(await n(sql`geocode_cache`)).toBe(1);
  });
});

describe('import backups: retention', () => {
  it('an import run deletes the import backups older than BACKUP_RETENTION_DAYS, keeps the recent ones', async () => {
    const root = path.join(dataDir(), 'backups');
    const old = path.join(root, '2020-01-01T00-00-00-000Z-0a1b2c3d');
    const recent = path.join(root, `${new Date(Date.now() - 86_400_000).toISOString().replace(/[:.]/g, '-')}-1a2b3c4d`);
    for (const dir of [old, recent]) {
      await mkdir(dir, { recursive: true });
      await writeFile(path.join(dir, 'manifest.json'), '{}');
      await writeFile(path.join(dir, 'customers.jsonl'), '{"email":"vieux@exemple.fr"}\n');
    }
    const r = await importLegacy(getDb(), SYSTEM_ACTOR, {
      buffer: csv('R-1;P;Récent;Rémi;;;1 rue R;69003;Lyon;0612340099;remi.recent@exemple.fr;;;01/02/2015;1;0'),
      fileName: 'retention.csv',
    });
    expect(r.status).toBe('completed');
    const left = await readdir(root);
    expect(left).not.toContain(path.basename(old));
    expect(left).toContain(path.basename(recent));
  });
});
