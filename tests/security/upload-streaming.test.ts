import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { POST as UPLOAD } from '@/app/api/customers/[id]/documents/route';
import { dataDir } from '@/lib/env';
import { createBearer, createCustomer } from '../factories';
import { documentRowCount, listUploadFiles } from '../factories/documents';

/**
 * Uploads (README "Security notes" → "Uploads"): server actions are back to a 2 MB body; files go
 * through the route handler, which streams the multipart body (busboy) to DATA_DIR/tmp and then into
 * storage, so memory stays flat for a 20 MB file; at most 3 uploads per caller and 8 per instance;
 * an upload that sends nothing for UPLOAD_LIMITS.stallMs (30 s) is aborted without a file or a row.
 */
const BOUNDARY = '----c360boundary';
const CHUNK = Buffer.alloc(64 * 1024, 0x41);
const uploads = () => import('@/lib/documents/upload-slots');

let customerId: string;
beforeAll(async () => {
  customerId = (await createCustomer()).id;
});
afterEach(async () => {
  const mod = await uploads().catch(() => null);
  if (mod) mod.UPLOAD_LIMITS.stallMs = 30_000;
});

/**
 * A multipart body produced as it is read: a PDF of `size` bytes made of one reused 64 KB chunk (the
 * test itself allocates nothing per chunk). `stallAfter`: stop sending (without ending) after that
 * many bytes of the file, until `release()`.
 */
function streamingUpload(
  size: number,
  opts: { stallAfter?: number; everyMegabyte?: (sent: number) => Promise<void> } = {},
) {
  const head = Buffer.from(
    `--${BOUNDARY}\r\nContent-Disposition: form-data; name="category"\r\n\r\nreport\r\n` +
      `--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="gros.pdf"\r\nContent-Type: application/pdf\r\n\r\n%PDF-1.4\n`,
  );
  const tail = Buffer.from(`\n%%EOF\r\n--${BOUNDARY}--\r\n`);
  let sent = 0;
  let stage: 'head' | 'body' | 'tail' | 'done' = 'head';
  let release!: () => void;
  const released = new Promise<void>((r) => (release = r));
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (stage === 'head') {
        controller.enqueue(head);
        stage = 'body';
        return;
      }
      if (stage === 'body') {
        if (opts.stallAfter !== undefined && sent >= opts.stallAfter) {
          await released;
          controller.error(new Error('client gone'));
          stage = 'done';
          return;
        }
        const n = Math.min(CHUNK.length, size - sent);
        controller.enqueue(n === CHUNK.length ? CHUNK : CHUNK.subarray(0, n));
        sent += n;
        if (opts.everyMegabyte && sent % (1024 * 1024) === 0) await opts.everyMegabyte(sent);
        if (sent >= size) stage = 'tail';
        return;
      }
      if (stage === 'tail') {
        controller.enqueue(tail);
        stage = 'done';
        return;
      }
      controller.close();
    },
  });
  return { body, release };
}

function post(authorization: string, body: ReadableStream<Uint8Array>) {
  const req = new Request(`http://localhost/api/customers/${customerId}/documents`, {
    method: 'POST',
    headers: { authorization, 'content-type': `multipart/form-data; boundary=${BOUNDARY}` },
    body,
    duplex: 'half',
  } as RequestInit);
  return UPLOAD(req, { params: Promise.resolve({ id: customerId }) });
}

async function tmpFiles(): Promise<string[]> {
  return readdir(path.join(dataDir(), 'tmp')).catch(() => []);
}

/** Bytes already written to disk by uploads in progress (the temporary files). */
async function bytesOnDisk(): Promise<number> {
  let total = 0;
  for (const name of await tmpFiles())
    total += (await stat(path.join(dataDir(), 'tmp', name)).catch(() => null))?.size ?? 0;
  return total;
}

async function until(check: () => boolean | Promise<boolean>, ms = 5000) {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error('timeout');
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe('server actions body limit', () => {
  it('is 2 MB (uploads go through the streaming route handler)', async () => {
    const { default: config } = await import('@/next.config');
    expect(config('phase-production-server').experimental?.serverActions?.bodySizeLimit).toBe('2mb');
    expect(Object.keys(await import('@/lib/documents/actions'))).not.toContain('uploadDocumentAction');
  });
});

describe('POST /api/customers/{id}/documents streams', () => {
  it('a 20 MB upload is stored while memory stays flat: what was read is on disk, never held whole', async () => {
    const auth = (await createBearer('technician')).authorization;
    const size = 20 * 1024 * 1024 - 4096;
    // At each megabyte the client has sent, how much of it is not on disk yet (held in memory).
    let held = 0;
    const upload = streamingUpload(size, {
      everyMegabyte: async (sent) => {
        // Give the server a moment to drain what it has read so far.
        await new Promise((r) => setTimeout(r, 20));
        held = Math.max(held, sent - (await bytesOnDisk()));
      },
    });
    const res = await post(auth, upload.body);
    expect(res.status).toBe(201);
    const doc = await res.json();
    expect(doc.sizeBytes).toBe(size + '%PDF-1.4\n'.length + '\n%%EOF'.length);
    expect(doc.mimeType).toBe('application/pdf');
    // Buffering the body would hold all 20 MB before writing a byte; streaming holds a few chunks.
    expect(held / 1024 / 1024).toBeLessThan(2);
    expect(await tmpFiles()).toEqual([]);
  });

  it('a stalled upload (nothing for stallMs) is aborted: 408, no stored file, no row, no temporary file', async () => {
    const { UPLOAD_LIMITS } = await uploads();
    UPLOAD_LIMITS.stallMs = 300;
    const auth = (await createBearer('technician')).authorization;
    const filesBefore = await listUploadFiles();
    const rowsBefore = await documentRowCount(customerId);
    const { body, release } = streamingUpload(1024 * 1024, { stallAfter: 256 * 1024 });
    const res = await post(auth, body);
    release();
    expect(res.status).toBe(408);
    expect((await res.json()).error.message).toMatch(/interrompu/);
    expect(await listUploadFiles()).toEqual(filesBefore);
    expect(await documentRowCount(customerId)).toBe(rowsBefore);
    expect(await tmpFiles()).toEqual([]);
  });
});

describe('concurrent uploads', () => {
  it('a 4th upload of one caller → 429 + Retry-After; 8 on the instance → the 9th is 429', async () => {
    const { activeUploads } = await uploads();
    const held: { release: () => void; res: Promise<Response> }[] = [];
    const hold = (authorization: string) => {
      const u = streamingUpload(1024 * 1024, { stallAfter: 64 * 1024 });
      held.push({ release: u.release, res: post(authorization, u.body) });
    };
    const users = await Promise.all([1, 2, 3, 4].map(async () => (await createBearer('technician')).authorization));
    try {
      for (let i = 0; i < 3; i++) hold(users[0]);
      await until(() => activeUploads() === 3);
      const fourth = await post(users[0], streamingUpload(1024).body);
      expect(fourth.status).toBe(429);
      expect(Number(fourth.headers.get('retry-after'))).toBeGreaterThan(0);
      expect((await fourth.json()).error.message).toMatch(/envois/);
      for (let i = 0; i < 3; i++) hold(users[1]);
      for (let i = 0; i < 2; i++) hold(users[2]);
      await until(() => activeUploads() === 8);
      expect((await post(users[3], streamingUpload(1024).body)).status).toBe(429);
    } finally {
      for (const h of held) h.release();
      await Promise.all(held.map((h) => h.res));
    }
    expect(activeUploads()).toBe(0);
    expect((await post(users[3], streamingUpload(1024).body)).status).toBe(201);
  });
});

describe('POST /api/admin/legacy-import (step 1 of the admin import, streamed)', () => {
  const header =
    'id;type;nom;prenom;societe;siret;adresse;cp;ville;tel;email;vehicules;notes;date_creation;actif;optin_mail';
  const row = (i: number) =>
    `${88000 + i};P;Lourd${i};Luc;;;1 rue A;69001;Lyon;06123${String(45000 + i).padStart(5, '0')};luc${i}@exemple.fr;;${'n'.repeat(9000)};01/02/2020;1;0`;

  const send = async (authorization: string, file: Buffer, name: string) => {
    const { POST } = await import('@/app/api/admin/legacy-import/route');
    const form = new FormData();
    form.append('file', new Blob([file as unknown as BlobPart], { type: 'text/csv' }), name);
    const res = await POST(
      new Request('http://localhost/api/admin/legacy-import', {
        method: 'POST',
        headers: { authorization },
        body: form,
      }),
      { params: Promise.resolve({}) },
    );
    return { status: res.status, body: await res.json() };
  };

  it('admin: a 3 MB file (above the 2 MB action limit) is received and previewed; nothing is imported', async () => {
    const file = Buffer.from([header, ...Array.from({ length: 360 }, (_, i) => row(i))].join('\r\n'), 'utf8');
    expect(file.length).toBeGreaterThan(3 * 1024 * 1024);
    const res = await send((await createBearer('admin')).authorization, file, 'ancien.csv');
    expect(res.status).toBe(200);
    expect(res.body.checksum).toMatch(/^[0-9a-f]{64}$/);
    expect(res.body.report.dryRun).toBe(true);
    expect(res.body.report.stats.read).toBe(360);
    expect(res.body.message).toMatch(/^Simulation : /);
    expect(await tmpFiles()).toEqual([]);
  });

  it('manager → 403; a .pdf → 415 in French; the temporary file never stays', async () => {
    const small = Buffer.from(`${header}\r\n${row(1)}`, 'utf8');
    expect((await send((await createBearer('manager')).authorization, small, 'a.csv')).status).toBe(403);
    const pdf = await send((await createBearer('admin')).authorization, small, 'a.pdf');
    expect(pdf.status).toBe(415);
    expect(pdf.body.error.message).toBe('Format attendu : .csv ou .json.');
    expect(await tmpFiles()).toEqual([]);
  });
});
