import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { getDb } from '@/db';
import type { Actor } from '@/lib/auth/actor';
import { eraseCustomerWithFiles } from '@/lib/customers/mutations';
import { dataDir } from '@/lib/env';
import { actorFor, createBearer, createCustomer, createUser } from '../factories';

// The session is mocked (who is signed in); the database is real.
let current: Actor | null = null;
vi.mock('@/lib/auth/session', async () => (await import('@/tests/factories/session-mock')).sessionMock(() => current));
vi.mock('next/cache', () => ({ revalidatePath: () => {} }));

const { createCustomerAction } = await import('@/lib/customers/actions');
const { runLegacyImportAction } = await import('@/lib/legacy-import/actions');
const { POST: PREVIEW } = await import('@/app/api/admin/legacy-import/route');

/** Step 1 of the admin import: the streaming route (the file is not sent through an action). */
async function previewByRoute(file: File) {
  const body = new FormData();
  body.append('file', file);
  const authorization = (await createBearer('admin')).authorization;
  const res = await PREVIEW(
    new Request('http://localhost/api/admin/legacy-import', { method: 'POST', headers: { authorization }, body }),
    { params: Promise.resolve({}) },
  );
  const json = await res.json();
  return res.status === 200 ? { ok: true, data: json } : { ok: false, data: undefined };
}

const prev = { ok: false, message: '' };
const form = (values: Record<string, string | File>) => {
  const fd = new FormData();
  for (const [k, v] of Object.entries(values)) fd.append(k, v);
  return fd;
};
const header =
  'id;type;nom;prenom;societe;siret;adresse;cp;ville;tel;email;vehicules;notes;date_creation;actif;optin_mail';
const csvFile = (name: string, ...rows: string[]) =>
  new File([[header, ...rows].join('\r\n')], name, { type: 'text/csv' });
const uploads = async () => {
  try {
    return await readdir(path.join(dataDir(), 'imports'));
  } catch {
    return [];
  }
};

let admin: Actor;
beforeEach(async () => {
  admin = actorFor(await createUser('admin'));
  current = admin;
});

describe('create action and erased people', () => {
  it('refuses an erased e-mail with the French message; an admin confirming with confirmErased=1 creates', async () => {
    const erased = await createCustomer({ email: 'revenant@exemple.fr' });
    await eraseCustomerWithFiles(getDb(), admin, erased.id);
    current = actorFor(await createUser('manager'));
    const values = { kind: 'individual', lastName: 'Revenant', email: 'Revenant@exemple.fr', confirmDuplicates: '1' };
    const refused = await createCustomerAction(prev, form(values));
    expect(refused.ok).toBe(false);
    expect(refused.message).toMatch(/^Personne effacée \(RGPD\) le \d{2}\/\d{2}\/\d{4}/);
    const managerConfirm = await createCustomerAction(prev, form({ ...values, confirmErased: '1' }));
    expect(managerConfirm).toMatchObject({ ok: false });
    current = admin;
    await expect(createCustomerAction(prev, form({ ...values, confirmErased: '1' }))).rejects.toMatchObject({
      digest: expect.stringMatching(/^NEXT_REDIRECT/),
    });
  });
});

describe('uploaded import files are deleted after the run', () => {
  it('completed run: the previewed file is gone', async () => {
    const file = csvFile('ok.csv', 'U-1;P;Upload;Ugo;;;1 rue U;69003;Lyon;0612340101;ugo.upload@exemple.fr;;;;1;0');
    const preview = await previewByRoute(file);
    expect(preview.ok).toBe(true);
    expect(await uploads()).toHaveLength(1);
    const run = await runLegacyImportAction(
      prev,
      form({ checksum: preview.data!.checksum, fileName: preview.data!.fileName }),
    );
    expect(run.ok).toBe(true);
    expect(await uploads()).toEqual([]);
  });

  it('failed run: the file is gone too (the message says to upload it again)', async () => {
    const db = getDb();
    await db.execute(
      sql.raw(
        `CREATE FUNCTION boom_upload() RETURNS trigger AS $$ BEGIN RAISE EXCEPTION 'boum'; END; $$ LANGUAGE plpgsql`,
      ),
    );
    await db.execute(
      sql.raw(`CREATE TRIGGER boom_upload BEFORE INSERT ON customers FOR EACH ROW EXECUTE FUNCTION boom_upload()`),
    );
    try {
      const file = csvFile('ko.csv', 'U-2;P;Échec;Eve;;;2 rue U;69003;Lyon;0612340102;eve.echec@exemple.fr;;;;1;0');
      const preview = await previewByRoute(file);
      const run = await runLegacyImportAction(
        prev,
        form({ checksum: preview.data!.checksum, fileName: preview.data!.fileName }),
      );
      expect(run.ok).toBe(false);
      expect(run.message).toMatch(/Import interrompu/);
      expect(await uploads()).toEqual([]);
    } finally {
      await db.execute(sql.raw('DROP TRIGGER boom_upload ON customers'));
    }
  });

  it('an unreadable file is not kept either', async () => {
    const bad = new File(['{"pas": "un tableau"'], 'casse.json', { type: 'application/json' });
    const preview = await previewByRoute(bad);
    expect(preview.ok).toBe(false);
    expect(await uploads()).toEqual([]);
  });
});
