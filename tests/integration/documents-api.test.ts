import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { and, eq } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { describe, expect, it, vi } from 'vitest';
import { getDb } from '@/db';
import { customerActivity, customerDocuments, customers } from '@/db/schema';
import { GET as LIST, POST as UPLOAD } from '@/app/api/customers/[id]/documents/route';
import { DELETE, GET as DOWNLOAD } from '@/app/api/customers/[id]/documents/[docId]/route';
import { deleteDocument, uploadDocument } from '@/lib/documents/mutations';
import { dataDir } from '@/lib/env';
import { actorFor, createBearer, createCustomer, createUser, suiteBearers } from '../factories';
import { documentRowCount, listUploadFiles, multipart, samples } from '../factories/documents';
import { call } from '../factories/http';

const session = vi.hoisted(() => ({ actor: null as null | Record<string, unknown> }));
vi.mock('@/lib/auth/session', async () =>
  (await import('@/tests/factories/session-mock')).sessionMock(() => session.actor),
);
vi.mock('next/cache', () => ({ revalidatePath: () => {} }));

const auth = suiteBearers();

const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

async function upload(
  customerId: string,
  file: Buffer | null,
  name: string,
  fields: Record<string, string> = { category: 'other' },
  who = auth.technician,
  clientType?: string,
) {
  return call(UPLOAD, {
    method: 'POST',
    params: { id: customerId },
    auth: who,
    rawBody: multipart(file, name, fields, clientType),
  });
}

/** Asserts a rejection with its status and code, and that neither a row nor a file was left behind. */
async function expectRejected(
  customerId: string,
  run: () => Promise<{ status: number; body: any }>,
  status: number,
  code: string,
) {
  const rowsBefore = await documentRowCount();
  const filesBefore = await listUploadFiles();
  const res = await run();
  expect(res.status).toBe(status);
  expect(res.body.error.code).toBe(code);
  expect(typeof res.body.error.message).toBe('string');
  expect(await documentRowCount()).toBe(rowsBefore);
  expect(await listUploadFiles()).toEqual(filesBefore);
  const acts = await getDb()
    .select()
    .from(customerActivity)
    .where(and(eq(customerActivity.customerId, customerId), eq(customerActivity.type, 'document')));
  return { res, acts };
}

describe('POST /api/customers/{id}/documents', () => {
  it('stores a PDF and a PNG with sniffed type, size and sha256, and records an activity', async () => {
    const c = await createCustomer();
    const pdf = samples.pdf();
    const res: any = await upload(
      c.id,
      pdf,
      'Facture 2024-03 été.pdf',
      { category: 'invoice', description: 'Facture de mars' },
      auth.technician,
      'application/octet-stream',
    );
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      customerId: c.id,
      category: 'invoice',
      originalName: 'Facture 2024-03 été.pdf',
      mimeType: 'application/pdf',
      sizeBytes: pdf.length,
      sha256: sha(pdf),
      description: 'Facture de mars',
      uploadedBy: { kind: 'token' },
    });
    const png = samples.png();
    // The client claims a PDF; the bytes say PNG, and the bytes win.
    const img: any = await upload(c.id, png, 'photo.pdf', { category: 'photo' }, auth.manager, 'application/pdf');
    expect(img.status).toBe(201);
    expect(img.body).toMatchObject({ mimeType: 'image/png', sizeBytes: png.length, sha256: sha(png) });

    const [row] = await getDb().select().from(customerDocuments).where(eq(customerDocuments.id, res.body.id));
    expect(row.storageKey).toMatch(/^[0-9a-f-]{36}$/);
    const stored = path.join(dataDir(), 'uploads', row.storageKey.slice(0, 2), row.storageKey);
    expect(existsSync(stored)).toBe(true);
    expect(stored.startsWith(path.join(dataDir(), 'uploads') + path.sep)).toBe(true);
    expect(await listUploadFiles()).toHaveLength(2);

    const acts = await getDb().select().from(customerActivity).where(eq(customerActivity.relatedId, res.body.id));
    expect(acts).toHaveLength(1);
    expect(acts[0]).toMatchObject({ type: 'document', relatedType: 'document', actorKind: 'token' });
    expect(acts[0].title).toContain('Facture 2024-03 été.pdf');

    const list: any = await call(LIST, { params: { id: c.id }, auth: auth.viewer });
    expect(list.status).toBe(200);
    expect(list.body.data.map((d: any) => d.id)).toEqual([img.body.id, res.body.id]);
    expect(list.body.stats).toEqual({
      count: 2,
      totalBytes: pdf.length + png.length,
      byCategory: { invoice: { count: 1, bytes: pdf.length }, photo: { count: 1, bytes: png.length } },
    });
    const filtered: any = await call(LIST, { params: { id: c.id }, auth: auth.viewer, query: { category: 'photo' } });
    expect(filtered.body.data.map((d: any) => d.id)).toEqual([img.body.id]);
    expect(filtered.body.stats.count).toBe(2);
    expect((await call(LIST, { params: { id: c.id }, auth: auth.viewer, query: { category: 'bogus' } })).status).toBe(
      422,
    );
  });

  it('accepts XLSX (zip-based office file) and CSV/TXT text, labelled from the bytes', async () => {
    const c = await createCustomer();
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('Feuille').addRow(['a', 1]);
    const xlsx = Buffer.from(await wb.xlsx.writeBuffer());
    const x: any = await upload(c.id, xlsx, 'tableau.xlsx', { category: 'report' });
    expect(x.status).toBe(201);
    expect(x.body.mimeType).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const csv: any = await upload(c.id, samples.csv(), 'export.csv', { category: 'other' });
    expect(csv.status).toBe(201);
    expect(csv.body.mimeType).toBe('text/csv');
    const txt: any = await upload(c.id, samples.text('Bonjour, ceci est une note.\n'), 'note', { category: 'other' });
    expect(txt.body.mimeType).toBe('text/plain');
  });

  it('rejects a spoofed PDF that is really an ELF or PE executable (415), nothing stored', async () => {
    const c = await createCustomer();
    for (const exe of [samples.elf(), samples.pe()]) {
      const { acts } = await expectRejected(
        c.id,
        () => upload(c.id, exe, 'facture.pdf', { category: 'invoice' }, auth.admin, 'application/pdf'),
        415,
        'unsupported_media_type',
      );
      expect(acts).toHaveLength(0);
    }
  });

  it('rejects SVG (with script, with or without XML declaration) and binary junk as 415', async () => {
    const c = await createCustomer();
    await expectRejected(
      c.id,
      () => upload(c.id, samples.svg(), 'logo.svg', { category: 'photo' }, auth.admin, 'image/svg+xml'),
      415,
      'unsupported_media_type',
    );
    await expectRejected(
      c.id,
      () => upload(c.id, samples.svgWithXmlDecl(), 'logo.png', { category: 'photo' }, auth.admin, 'image/png'),
      415,
      'unsupported_media_type',
    );
    await expectRejected(
      c.id,
      () => upload(c.id, Buffer.from([0x00, 0xff, 0x13, 0x37, 0x00, 0x01]), 'x.txt'),
      415,
      'unsupported_media_type',
    );
    // Text head, then a NUL byte far past the sniffed head: caught while streaming, temp file removed.
    const tricky = Buffer.concat([Buffer.alloc(1024 * 1024 + 10, 0x61), Buffer.from([0]), Buffer.alloc(100, 0x61)]);
    await expectRejected(c.id, () => upload(c.id, tricky, 'gros.txt'), 415, 'unsupported_media_type');
  });

  it('rejects a zero-byte file (422), no file (400), bad category (422), non-multipart (415)', async () => {
    const c = await createCustomer();
    const empty = await expectRejected(c.id, () => upload(c.id, Buffer.alloc(0), 'vide.pdf'), 422, 'validation_failed');
    expect(empty.res.body.error.fields.file).toBeDefined();
    await expectRejected(c.id, () => upload(c.id, null, '', { category: 'other' }), 400, 'bad_request');
    const cat = await expectRejected(
      c.id,
      () => upload(c.id, samples.pdf(), 'a.pdf', { category: 'secret' }),
      422,
      'validation_failed',
    );
    expect(cat.res.body.error.fields.category).toBeDefined();
    await expectRejected(c.id, () => upload(c.id, samples.pdf(), 'a.pdf', {}), 422, 'validation_failed');
    await expectRejected(
      c.id,
      () => call(UPLOAD, { method: 'POST', params: { id: c.id }, auth: auth.admin, body: { file: 'JVBERi0=' } }),
      415,
      'unsupported_media_type',
    );
  });

  it('rejects 21 MB with 413 — through the API and when streamed past the limit — nothing stored', async () => {
    const c = await createCustomer();
    const big = Buffer.alloc(21 * 1024 * 1024, 0x20);
    big.write('%PDF-1.4\n', 0, 'ascii');
    await expectRejected(c.id, () => upload(c.id, big, 'gros.pdf', { category: 'report' }), 413, 'payload_too_large');
    // A stream of unknown length: the limit is enforced while writing and the partial file removed.
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let i = 0; i < 21; i++) controller.enqueue(big.subarray(i * 1024 * 1024, (i + 1) * 1024 * 1024));
        controller.close();
      },
    });
    const admin = actorFor(await createUser('admin'));
    await expectRejected(
      c.id,
      async () => {
        try {
          await uploadDocument(getDb(), admin, c.id, { body: stream, originalName: 'flux.pdf', category: 'report' });
          return { status: 201, body: {} };
        } catch (e: any) {
          return { status: e.status, body: e.toBody() };
        }
      },
      413,
      'payload_too_large',
    );
  });

  it('stores "../../etc/passwd" under a random key with a sanitized name', async () => {
    const c = await createCustomer();
    const res: any = await upload(c.id, samples.text(), '../../etc/passwd', { category: 'other' });
    expect(res.status).toBe(201);
    expect(res.body.originalName).toBe('passwd');
    const files = await listUploadFiles();
    const [row] = await getDb().select().from(customerDocuments).where(eq(customerDocuments.id, res.body.id));
    expect(files).toContain(path.join(row.storageKey.slice(0, 2), row.storageKey));
    expect(files.every((f) => !f.includes('..') && !f.includes('passwd'))).toBe(true);
    expect(existsSync(path.join(dataDir(), 'etc'))).toBe(false);
    const win: any = await upload(c.id, samples.text(), '..\\..\\Windows\\win.ini\u202Efdp.exe', { category: 'other' });
    expect(win.body.originalName).toBe('win.inifdp.exe');
  });

  it('viewer cannot upload (403), anonymous 401, unknown customer 404 — nothing stored', async () => {
    const c = await createCustomer();
    await expectRejected(
      c.id,
      () => upload(c.id, samples.pdf(), 'a.pdf', { category: 'other' }, auth.viewer),
      403,
      'forbidden',
    );
    await expectRejected(
      c.id,
      () => upload(c.id, samples.pdf(), 'a.pdf', { category: 'other' }, ''),
      401,
      'unauthorized',
    );
    await expectRejected(
      c.id,
      () => upload('00000000-0000-4000-8000-000000000000', samples.pdf(), 'a.pdf'),
      404,
      'not_found',
    );
  });
});

describe('crash injection between file write and row insert', () => {
  it('customer deleted after the file is written: the insert fails, the file is removed, no row', async () => {
    const c = await createCustomer();
    const admin = actorFor(await createUser('admin'));
    let storedKey = '';
    const filesBefore = await listUploadFiles();
    await expect(
      uploadDocument(
        getDb(),
        admin,
        c.id,
        { body: samples.pdf(), originalName: 'a.pdf', category: 'contract' },
        {
          afterStore: async (key) => {
            storedKey = key;
            // The file really is on disk at this point.
            expect(existsSync(path.join(dataDir(), 'uploads', key.slice(0, 2), key))).toBe(true);
            await getDb().delete(customers).where(eq(customers.id, c.id));
          },
        },
      ),
    ).rejects.toMatchObject({ code: 'not_found' });
    expect(storedKey).not.toBe('');
    expect(await listUploadFiles()).toEqual(filesBefore);
    expect(await documentRowCount(c.id)).toBe(0);
  });

  it('a failure after the write (any error) leaves neither file nor row nor activity', async () => {
    const c = await createCustomer();
    const admin = actorFor(await createUser('admin'));
    const filesBefore = await listUploadFiles();
    await expect(
      uploadDocument(
        getDb(),
        admin,
        c.id,
        { body: samples.png(), originalName: 'p.png', category: 'photo' },
        {
          afterStore: async () => {
            throw new Error('simulated crash');
          },
        },
      ),
    ).rejects.toThrow('simulated crash');
    expect(await listUploadFiles()).toEqual(filesBefore);
    expect(await documentRowCount(c.id)).toBe(0);
    const acts = await getDb().select().from(customerActivity).where(eq(customerActivity.customerId, c.id));
    expect(acts).toHaveLength(0);
  });
});

describe('GET/DELETE /api/customers/{id}/documents/{docId}', () => {
  it('downloads with attachment, nosniff, the sniffed type and the exact bytes; inline only for images/PDF', async () => {
    const c = await createCustomer();
    const pdf = samples.pdf();
    const up: any = await upload(c.id, pdf, 'Contrat "spécial".pdf', { category: 'contract' });
    const res = await call(DOWNLOAD, { params: { id: c.id, docId: up.body.id }, auth: auth.viewer });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    const cd = res.headers.get('content-disposition')!;
    expect(cd.startsWith('attachment;')).toBe(true);
    expect(cd).toContain("filename*=UTF-8''Contrat%20_sp%C3%A9cial_.pdf");
    expect(res.headers.get('content-length')).toBe(String(pdf.length));
    const raw = await DOWNLOAD(new Request(`http://localhost/x`, { headers: { authorization: auth.viewer } }), {
      params: Promise.resolve({ id: c.id, docId: up.body.id }),
    });
    expect(sha(new Uint8Array(await raw.arrayBuffer()))).toBe(sha(pdf));

    const png: any = await upload(c.id, samples.png(), 'p.png', { category: 'photo' });
    const inline = await call(DOWNLOAD, {
      params: { id: c.id, docId: png.body.id },
      auth: auth.viewer,
      query: { inline: '1' },
    });
    expect(inline.headers.get('content-disposition')!.startsWith('inline;')).toBe(true);
    expect(inline.headers.get('content-security-policy')).toContain('sandbox');
    const txt: any = await upload(c.id, samples.text(), 'n.txt', { category: 'other' });
    const notInline = await call(DOWNLOAD, {
      params: { id: c.id, docId: txt.body.id },
      auth: auth.viewer,
      query: { inline: '1' },
    });
    expect(notInline.headers.get('content-disposition')!.startsWith('attachment;')).toBe(true);
    expect(notInline.headers.get('content-type')).toBe('text/plain; charset=utf-8');
  });

  it("another customer's document id is 404 for GET and DELETE", async () => {
    const a = await createCustomer();
    const b = await createCustomer();
    const up: any = await upload(a.id, samples.pdf(), 'a.pdf', { category: 'other' });
    expect((await call(DOWNLOAD, { params: { id: b.id, docId: up.body.id }, auth: auth.admin })).status).toBe(404);
    expect(
      (await call(DELETE, { method: 'DELETE', params: { id: b.id, docId: up.body.id }, auth: auth.admin })).status,
    ).toBe(404);
    expect((await call(DOWNLOAD, { params: { id: a.id, docId: 'x' }, auth: auth.admin })).status).toBe(404);
    expect(await documentRowCount(a.id)).toBe(1);
  });

  it('DELETE → 204, file removed, row tombstoned and hidden, activity recorded', async () => {
    const c = await createCustomer();
    const up: any = await upload(c.id, samples.pdf(), 'a.pdf', { category: 'quote' }, auth.manager);
    const [row] = await getDb().select().from(customerDocuments).where(eq(customerDocuments.id, up.body.id));
    const file = path.join(dataDir(), 'uploads', row.storageKey.slice(0, 2), row.storageKey);
    expect(existsSync(file)).toBe(true);
    const del = await call(DELETE, { method: 'DELETE', params: { id: c.id, docId: up.body.id }, auth: auth.manager });
    expect(del.status).toBe(204);
    expect(existsSync(file)).toBe(false);
    const [after] = await getDb().select().from(customerDocuments).where(eq(customerDocuments.id, up.body.id));
    expect(after.deletedAt).toBeInstanceOf(Date);
    expect((await call(DOWNLOAD, { params: { id: c.id, docId: up.body.id }, auth: auth.admin })).status).toBe(404);
    const list: any = await call(LIST, { params: { id: c.id }, auth: auth.admin });
    expect(list.body).toEqual({ data: [], stats: { count: 0, totalBytes: 0, byCategory: {} } });
    const acts = await getDb().select().from(customerActivity).where(eq(customerActivity.relatedId, up.body.id));
    expect(acts.map((a) => a.title).sort()).toEqual(['Document ajouté : a.pdf', 'Document supprimé : a.pdf']);
    expect(
      (await call(DELETE, { method: 'DELETE', params: { id: c.id, docId: up.body.id }, auth: auth.manager })).status,
    ).toBe(404);
  });

  it("technician cannot delete someone else's upload (403) but can delete their own; viewer 403", async () => {
    const c = await createCustomer();
    const tech1 = await createBearer('technician');
    const tech2 = await createBearer('technician');
    const filesBefore = (await listUploadFiles()).length;
    const up: any = await upload(c.id, samples.pdf(), 'a.pdf', { category: 'other' }, tech1.authorization);
    const other = await call(DELETE, {
      method: 'DELETE',
      params: { id: c.id, docId: up.body.id },
      auth: tech2.authorization,
    });
    expect(other.status).toBe(403);
    expect(other.body.error.code).toBe('forbidden');
    expect(
      (await call(DELETE, { method: 'DELETE', params: { id: c.id, docId: up.body.id }, auth: auth.viewer })).status,
    ).toBe(403);
    expect(await listUploadFiles()).toHaveLength(filesBefore + 1);
    expect(
      (await call(DELETE, { method: 'DELETE', params: { id: c.id, docId: up.body.id }, auth: tech1.authorization }))
        .status,
    ).toBe(204);
    expect(await listUploadFiles()).toHaveLength(filesBefore);

    // Same rule for signed-in users (uploadedBy = user id).
    const u1 = actorFor(await createUser('technician'));
    const u2 = actorFor(await createUser('technician'));
    const doc = await uploadDocument(getDb(), u1, c.id, {
      body: samples.png(),
      originalName: 'x.png',
      category: 'photo',
    });
    await expect(deleteDocument(getDb(), u2, c.id, doc.id)).rejects.toMatchObject({ code: 'forbidden' });
    await expect(deleteDocument(getDb(), u1, c.id, doc.id)).resolves.toMatchObject({ fileRemoved: true });
  });

  it('respects the minimum role to view', async () => {
    const c = await createCustomer();
    const up: any = await upload(c.id, samples.pdf(), 'rh.pdf', { category: 'identity' }, auth.admin);
    await getDb().update(customerDocuments).set({ minRole: 'manager' }).where(eq(customerDocuments.id, up.body.id));
    expect((await call(DOWNLOAD, { params: { id: c.id, docId: up.body.id }, auth: auth.technician })).status).toBe(404);
    expect((await call(DOWNLOAD, { params: { id: c.id, docId: up.body.id }, auth: auth.manager })).status).toBe(200);
    const techList: any = await call(LIST, { params: { id: c.id }, auth: auth.technician });
    expect(techList.body.data).toHaveLength(0);
  });
});

describe('storage check (npm run storage:check)', () => {
  it('reports orphan files and rows, and is clean when they agree', async () => {
    const { checkStorage } = await import('@/lib/storage/check');
    const { getStorage, newStorageKey } = await import('@/lib/storage');
    const storage = await getStorage();
    const before = await checkStorage(getDb(), storage);
    expect(before.orphanFiles).toEqual([]);
    expect(before.orphanRows).toEqual([]);
    const c = await createCustomer();
    const up: any = await upload(c.id, samples.pdf(), 'a.pdf', { category: 'other' });
    const stray = newStorageKey();
    await storage.put(stray, Buffer.from('stray'));
    const [row] = await getDb().select().from(customerDocuments).where(eq(customerDocuments.id, up.body.id));
    await storage.delete(row.storageKey);
    const after = await checkStorage(getDb(), storage);
    expect(after.orphanFiles).toEqual([stray]);
    expect(after.orphanRows.map((r) => r.id)).toEqual([up.body.id]);
    await storage.delete(stray);
    await getDb().update(customerDocuments).set({ deletedAt: new Date() }).where(eq(customerDocuments.id, up.body.id));
    const clean = await checkStorage(getDb(), storage);
    expect(clean.orphanFiles).toEqual([]);
    expect(clean.orphanRows).toEqual([]);
  });
});

describe('document server actions', () => {
  it('delete through the action, with errors as ActionState (uploads go through the route)', async () => {
    const { deleteDocumentAction } = await import('@/lib/documents/actions');
    const c = await createCustomer();
    const init = { ok: false, message: '' };
    const owner = await createUser('technician');
    const uploaded = await call(UPLOAD, {
      method: 'POST',
      params: { id: c.id },
      auth: (await createBearer('technician')).authorization,
      rawBody: multipart(samples.png(), 'atelier.png', { category: 'photo' }),
    });
    expect(uploaded.status).toBe(201);
    const filesBefore = await listUploadFiles();
    session.actor = actorFor(owner) as any;
    const notMine = await deleteDocumentAction(c.id, uploaded.body.id, init as any, new FormData());
    expect(notMine.ok).toBe(false);
    session.actor = actorFor(await createUser('manager')) as any;
    expect((await deleteDocumentAction(c.id, uploaded.body.id, init as any, new FormData())).ok).toBe(true);
    expect(await documentRowCount(c.id)).toBe(1);
    expect(await listUploadFiles()).toHaveLength(filesBefore.length - 1);
  });
});
