import { createHash, randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, readdir, rename, stat, unlink } from 'node:fs/promises';
import path from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as NodeWebReadableStream } from 'node:stream/web';
import { dataDir } from '@/lib/env';
import { AppError } from '@/lib/errors';
import { isStorageKey, maxUploadBytes, type PutOptions, type PutResult, type Storage, type StorageBody } from './index';

export function toNodeReadable(body: StorageBody): Readable {
  if (body instanceof Readable) return body;
  if (body instanceof Uint8Array) return Readable.from([body]);
  return Readable.fromWeb(body as unknown as NodeWebReadableStream<Uint8Array>);
}

export function tooLarge(maxBytes: number): AppError {
  const mb = maxBytes / (1024 * 1024);
  return new AppError(
    'payload_too_large',
    `Fichier trop volumineux (maximum ${Number.isInteger(mb) ? mb : mb.toFixed(1)} Mo).`,
  );
}

/** Counts and hashes bytes as they pass; errors out as soon as the limit is crossed. */
export class MeteredStream extends Transform {
  size = 0;
  private readonly hash = createHash('sha256');
  constructor(private readonly maxBytes: number) {
    super();
  }
  _transform(chunk: Buffer, _enc: BufferEncoding, done: (error?: Error | null, data?: Buffer) => void) {
    this.size += chunk.length;
    if (this.size > this.maxBytes) return done(tooLarge(this.maxBytes));
    this.hash.update(chunk);
    done(null, chunk);
  }
  digest(): string {
    return this.hash.digest('hex');
  }
}

/**
 * Files on the local disk under `${DATA_DIR}/uploads` (never under public/: they are served only
 * through the authorized route). Writes go to a temp file in the same directory, then rename —
 * a reader or a crash never sees half a file under a real key.
 */
export class LocalStorage implements Storage {
  readonly name = 'local' as const;
  constructor(private readonly rootOverride?: string) {}

  /** Resolved on each call: DATA_DIR may change between test files. */
  root(): string {
    return this.rootOverride ?? path.join(dataDir(), 'uploads');
  }

  private pathOf(key: string): string {
    // Keys are UUIDs we generated; anything else could be a path trick, so it is refused outright.
    if (!isStorageKey(key)) throw new Error(`invalid storage key: ${JSON.stringify(key).slice(0, 60)}`);
    return path.join(this.root(), key.slice(0, 2), key);
  }

  async put(key: string, body: StorageBody, options: PutOptions = {}): Promise<PutResult> {
    const final = this.pathOf(key);
    const dir = path.dirname(final);
    await mkdir(dir, { recursive: true });
    const temp = path.join(dir, `.tmp-${randomUUID()}`);
    const meter = new MeteredStream(options.maxBytes ?? maxUploadBytes());
    const out = createWriteStream(temp, { flags: 'wx', mode: 0o600 });
    try {
      await pipeline(toNodeReadable(body), meter, out);
      await rename(temp, final);
    } catch (error) {
      // A source that fails at once (a streamed upload refused mid-way) can beat the file's own open:
      // wait for the write stream to close, or the temporary file appears after the unlink.
      if (!out.closed) await once(out, 'close').catch(() => {});
      await unlink(temp).catch(() => {});
      throw error;
    }
    return { size: meter.size, sha256: meter.digest() };
  }

  async get(key: string): Promise<Readable> {
    const file = this.pathOf(key);
    try {
      await stat(file);
    } catch {
      throw AppError.notFound('Fichier introuvable dans le stockage.');
    }
    return createReadStream(file);
  }

  async delete(key: string): Promise<void> {
    try {
      await unlink(this.pathOf(key));
    } catch (error) {
      // Already gone is the desired end state.
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
  }

  async exists(key: string): Promise<boolean> {
    try {
      return (await stat(this.pathOf(key))).isFile();
    } catch {
      return false;
    }
  }

  async *list(): AsyncIterable<string> {
    let shards: string[];
    try {
      shards = await readdir(this.root());
    } catch {
      return;
    }
    for (const shard of shards.sort()) {
      let names: string[];
      try {
        names = await readdir(path.join(this.root(), shard));
      } catch {
        continue;
      }
      for (const name of names.sort()) if (isStorageKey(name)) yield name;
    }
  }

  /** Leftover temp files (a crash mid-write); storage:check reports them. */
  async listTemporary(): Promise<string[]> {
    const out: string[] = [];
    let shards: string[] = [];
    try {
      shards = await readdir(this.root());
    } catch {
      return out;
    }
    for (const shard of shards) {
      const names = await readdir(path.join(this.root(), shard)).catch(() => [] as string[]);
      for (const name of names) if (name.startsWith('.tmp-')) out.push(path.join(shard, name));
    }
    return out;
  }
}
