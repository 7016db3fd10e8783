import { createHash } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { deleteStoredFiles, newStorageKey, type Storage } from '@/lib/storage';
import { LocalStorage } from '@/lib/storage/local';
import { UploadThingStorage, type UtApiLike } from '@/lib/storage/uploadthing';

const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
async function readAll(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of stream) chunks.push(Buffer.from(c));
  return Buffer.concat(chunks);
}
async function collect(it: AsyncIterable<string>) {
  const out: string[] = [];
  for await (const k of it) out.push(k);
  return out;
}
async function allFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const e of await readdir(dir, { withFileTypes: true, recursive: true })) if (e.isFile()) out.push(e.name);
  return out;
}

/** The contract both backends must honour. */
function contract(name: string, make: () => Promise<Storage>) {
  describe(`${name}: Storage contract`, () => {
    it('put → get/exists/list → delete round trip with size and sha256', async () => {
      const storage = await make();
      const key = newStorageKey();
      const data = Buffer.from('bonjour le monde '.repeat(1000));
      const res = await storage.put(key, Readable.from([data.subarray(0, 100), data.subarray(100)]), { maxBytes: 1e6 });
      expect(res).toEqual({ size: data.length, sha256: sha(data) });
      expect(await storage.exists(key)).toBe(true);
      expect(await readAll(await storage.get(key))).toEqual(data);
      expect(await collect(storage.list())).toEqual([key]);
      await storage.delete(key);
      expect(await storage.exists(key)).toBe(false);
      expect(await collect(storage.list())).toEqual([]);
    });

    it('accepts bytes and web streams', async () => {
      const storage = await make();
      const a = newStorageKey();
      expect((await storage.put(a, new Uint8Array([1, 2, 3]))).size).toBe(3);
      const b = newStorageKey();
      const web = new ReadableStream<Uint8Array>({ start: (c) => (c.enqueue(new Uint8Array([9, 9])), c.close()) });
      expect(await storage.put(b, web)).toEqual({ size: 2, sha256: sha(new Uint8Array([9, 9])) });
    });

    it('aborts past the size limit with a 413 AppError and keeps nothing', async () => {
      const storage = await make();
      const key = newStorageKey();
      const chunks = Array.from({ length: 20 }, () => Buffer.alloc(1024, 1));
      await expect(storage.put(key, Readable.from(chunks), { maxBytes: 10 * 1024 })).rejects.toMatchObject({
        status: 413,
        code: 'payload_too_large',
      });
      expect(await storage.exists(key)).toBe(false);
      expect(await collect(storage.list())).toEqual([]);
    });

    it('refuses keys that are not generated UUIDs (no path tricks)', async () => {
      const storage = await make();
      await expect(storage.put('../../etc/passwd', Buffer.from('x'))).rejects.toThrow(/invalid storage key/);
      await expect(storage.get('../x')).rejects.toThrow();
    });
  });
}

let root = '';
beforeEach(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'c360-storage-'));
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

contract('local', async () => new LocalStorage(root));

describe('local storage specifics', () => {
  it('writes atomically: a failing source leaves no temp file and no final file', async () => {
    const storage = new LocalStorage(root);
    const key = newStorageKey();
    const failing = new Readable({
      read() {
        this.push(Buffer.alloc(4096, 7));
        this.destroy(new Error('connection reset'));
      },
    });
    await expect(storage.put(key, failing)).rejects.toThrow('connection reset');
    expect(await allFiles(root)).toEqual([]);
    expect(await storage.listTemporary()).toEqual([]);
  });

  it('stores under DATA_DIR/uploads/<2 chars>/<uuid>, file content intact', async () => {
    const storage = new LocalStorage(root);
    const key = newStorageKey();
    await storage.put(key, Buffer.from('abc'));
    expect(await readFile(path.join(root, key.slice(0, 2), key), 'utf8')).toBe('abc');
    await storage.delete(key);
    await storage.delete(key); // idempotent
  });

  it('deleteStoredFiles retries once and reports what still fails', async () => {
    const storage = new LocalStorage(root);
    const key = newStorageKey();
    await storage.put(key, Buffer.from('x'));
    let calls = 0;
    const flaky: Storage = Object.assign(Object.create(storage), {
      delete: async (k: string) => {
        calls++;
        if (calls === 1) throw new Error('EBUSY');
        return storage.delete(k);
      },
    });
    expect(await deleteStoredFiles([key], flaky)).toEqual({ failed: [] });
    expect(calls).toBe(2);
    const broken: Storage = Object.assign(Object.create(storage), {
      delete: async () => {
        throw new Error('down');
      },
    });
    const origError = console.error;
    console.error = () => {};
    try {
      expect(await deleteStoredFiles(['k1'], broken)).toEqual({ failed: ['k1'] });
    } finally {
      console.error = origError;
    }
  });
});

/** An in-memory stand-in for UTApi with the same method shapes (customId addressing). */
function fakeUtApi() {
  const files = new Map<string, { key: string; data: Buffer; type: string }>();
  const calls: string[] = [];
  const api: UtApiLike & { files: typeof files; calls: string[] } = {
    files,
    calls,
    async uploadFiles(file, opts) {
      calls.push(`upload:${opts?.acl}`);
      const data = Buffer.from(await file.arrayBuffer());
      const customId = file.customId!;
      files.set(customId, { key: `ut_${customId}`, data, type: file.type });
      return { data: { key: `ut_${customId}`, size: data.length }, error: null };
    },
    async deleteFiles(keys, opts) {
      expect(opts?.keyType).toBe('customId');
      let deletedCount = 0;
      for (const k of Array.isArray(keys) ? keys : [keys]) if (files.delete(k)) deletedCount++;
      return { success: true, deletedCount };
    },
    async getFileUrls(keys, opts) {
      expect(opts?.keyType).toBe('customId');
      const list = (Array.isArray(keys) ? keys : [keys]).filter((k) => files.has(k));
      return { data: list.map((k) => ({ key: files.get(k)!.key, url: `https://fake.ufs.sh/f/${k}` })) };
    },
    async listFiles(opts) {
      const all = [...files.entries()].map(([customId, f]) => ({ key: f.key, customId, status: 'Uploaded' }));
      const offset = opts?.offset ?? 0;
      const limit = opts?.limit ?? 500;
      return { files: all.slice(offset, offset + limit), hasMore: offset + limit < all.length };
    },
  };
  const fetchFake = async (url: string) => {
    const k = url.split('/').pop()!;
    const f = files.get(k);
    return f ? new Response(new Uint8Array(f.data), { status: 200 }) : new Response('gone', { status: 404 });
  };
  return { api, fetchFake };
}

contract('uploadthing (fake UTApi)', async () => {
  const { api, fetchFake } = fakeUtApi();
  return new UploadThingStorage(api, fetchFake);
});

describe('uploadthing adapter specifics', () => {
  it('uploads privately with our key as customId and the sniffed content type; nothing uploaded past the limit', async () => {
    const { api, fetchFake } = fakeUtApi();
    const storage = new UploadThingStorage(api, fetchFake);
    const key = newStorageKey();
    await storage.put(key, Buffer.from('%PDF-1.4'), { contentType: 'application/pdf' });
    expect(api.files.get(key)?.type).toBe('application/pdf');
    expect(api.calls).toEqual(['upload:private']);
    await expect(storage.put(newStorageKey(), Buffer.alloc(2048), { maxBytes: 1024 })).rejects.toMatchObject({
      status: 413,
    });
    expect(api.calls).toHaveLength(1);
  });

  it('surfaces UploadThing errors and missing files', async () => {
    const { api, fetchFake } = fakeUtApi();
    api.uploadFiles = async () => ({ data: null, error: { message: 'quota exceeded' } });
    const storage = new UploadThingStorage(api, fetchFake);
    await expect(storage.put(newStorageKey(), Buffer.from('x'))).rejects.toThrow('quota exceeded');
    await expect(storage.get(newStorageKey())).rejects.toMatchObject({ status: 404 });
  });

  it('lists across pages', async () => {
    const { api, fetchFake } = fakeUtApi();
    const storage = new UploadThingStorage(api, fetchFake);
    const keys = Array.from({ length: 3 }, () => newStorageKey());
    for (const k of keys) await storage.put(k, Buffer.from(k));
    expect((await collect(storage.list())).sort()).toEqual([...keys].sort());
  });
});
