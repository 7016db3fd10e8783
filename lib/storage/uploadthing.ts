import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import type { ReadableStream as NodeWebReadableStream } from 'node:stream/web';
import { AppError } from '@/lib/errors';
import { toNodeReadable, tooLarge } from './local';
import { isStorageKey, maxUploadBytes, type PutOptions, type PutResult, type Storage, type StorageBody } from './index';

/**
 * The slice of `UTApi` (uploadthing/server) this adapter uses. Declared structurally so tests
 * inject a fake and the app never loads uploadthing unless UPLOADTHING_TOKEN is set.
 */
export interface UtApiLike {
  uploadFiles(
    file: Blob & { name: string; customId?: string | null },
    opts?: { acl?: 'public-read' | 'private' },
  ): Promise<{ data: { key: string; size?: number } | null; error: { message: string } | null }>;
  deleteFiles(
    keys: string[] | string,
    opts?: { keyType?: 'fileKey' | 'customId' },
  ): Promise<{ success: boolean; deletedCount: number }>;
  getFileUrls(
    keys: string[] | string,
    opts?: { keyType?: 'fileKey' | 'customId' },
  ): Promise<{ readonly data: readonly { readonly url: string; readonly key: string }[] }>;
  listFiles(opts?: { limit?: number; offset?: number }): Promise<{
    readonly files: readonly { readonly key: string; readonly customId: string | null; readonly status: string }[];
    readonly hasMore: boolean;
  }>;
}

type FetchLike = (url: string) => Promise<Response>;

/**
 * UploadThing as a Storage: our random key travels as the file's `customId`, so rows store the
 * same kind of key whichever backend wrote them. UploadThing needs the whole file in one Blob,
 * so the body is buffered once (bounded by the size limit) while being hashed.
 */
export class UploadThingStorage implements Storage {
  readonly name = 'uploadthing' as const;
  private apiPromise: Promise<UtApiLike> | undefined;

  constructor(
    api?: UtApiLike,
    private readonly fetchImpl: FetchLike = (url) => fetch(url),
  ) {
    if (api) this.apiPromise = Promise.resolve(api);
  }

  private api(): Promise<UtApiLike> {
    // Loaded lazily: only deployments with UPLOADTHING_TOKEN pay for the SDK.
    this.apiPromise ??= import('uploadthing/server').then(({ UTApi }) => new UTApi() as unknown as UtApiLike);
    return this.apiPromise;
  }

  private check(key: string): string {
    if (!isStorageKey(key)) throw new Error(`invalid storage key: ${JSON.stringify(key).slice(0, 60)}`);
    return key;
  }

  async put(key: string, body: StorageBody, options: PutOptions = {}): Promise<PutResult> {
    this.check(key);
    const maxBytes = options.maxBytes ?? maxUploadBytes();
    const hash = createHash('sha256');
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of toNodeReadable(body)) {
      const buf = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as Uint8Array);
      size += buf.length;
      if (size > maxBytes) throw tooLarge(maxBytes);
      hash.update(buf);
      chunks.push(buf);
    }
    const blob = new Blob(chunks as unknown as BlobPart[], { type: options.contentType ?? 'application/octet-stream' });
    const file = Object.assign(blob, { name: key, customId: key });
    const api = await this.api();
    const result = await api.uploadFiles(file, { acl: 'private' });
    if (result.error || !result.data)
      throw new Error(`UploadThing upload failed: ${result.error?.message ?? 'no data'}`);
    return { size, sha256: hash.digest('hex') };
  }

  async get(key: string): Promise<Readable> {
    const api = await this.api();
    const { data } = await api.getFileUrls(this.check(key), { keyType: 'customId' });
    const url = data[0]?.url;
    if (!url) throw AppError.notFound('Fichier introuvable dans le stockage.');
    const res = await this.fetchImpl(url);
    if (res.status === 404) throw AppError.notFound('Fichier introuvable dans le stockage.');
    if (!res.ok || !res.body) throw new Error(`UploadThing download failed: HTTP ${res.status}`);
    return Readable.fromWeb(res.body as unknown as NodeWebReadableStream<Uint8Array>);
  }

  async delete(key: string): Promise<void> {
    const api = await this.api();
    const result = await api.deleteFiles(this.check(key), { keyType: 'customId' });
    if (!result.success) throw new Error('UploadThing delete failed');
  }

  async exists(key: string): Promise<boolean> {
    const api = await this.api();
    try {
      const { data } = await api.getFileUrls(this.check(key), { keyType: 'customId' });
      return data.length > 0;
    } catch {
      return false;
    }
  }

  async *list(): AsyncIterable<string> {
    const api = await this.api();
    const limit = 500;
    for (let offset = 0; ; offset += limit) {
      const page = await api.listFiles({ limit, offset });
      for (const f of page.files) {
        if (f.status === 'Deletion Pending') continue;
        if (f.customId && isStorageKey(f.customId)) yield f.customId;
      }
      if (!page.hasMore || !page.files.length) return;
    }
  }
}
