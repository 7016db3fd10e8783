import { randomUUID } from 'node:crypto';
import type { Readable } from 'node:stream';
import { env } from '@/lib/env';

/** What a storage backend receives: a Node stream, a web stream or bytes already in memory. */
export type StorageBody = Readable | ReadableStream<Uint8Array> | Uint8Array;

export interface PutResult {
  size: number;
  sha256: string;
}

export interface PutOptions {
  /** Bytes; above this the write is aborted, nothing is kept and an AppError 413 is thrown. */
  maxBytes?: number;
  contentType?: string;
}

/**
 * One interface for every backend (local disk, UploadThing). Keys are chosen by the app
 * (`newStorageKey()`), never derived from user input.
 */
export interface Storage {
  readonly name: 'local' | 'uploadthing';
  put(key: string, body: StorageBody, options?: PutOptions): Promise<PutResult>;
  get(key: string): Promise<Readable>;
  delete(key: string): Promise<void>;
  exists(key: string): Promise<boolean>;
  list(): AsyncIterable<string>;
}

const KEY_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** A random key: a UUID and nothing else, so no user input ever reaches a path or a remote id. */
export function newStorageKey(): string {
  return randomUUID();
}

export function isStorageKey(key: string): boolean {
  return KEY_RE.test(key);
}

export function maxUploadBytes(): number {
  return Math.floor(env().MAX_UPLOAD_MB * 1024 * 1024);
}

const store = globalThis as unknown as { __c360Storage?: Storage };

/** UploadThing when UPLOADTHING_TOKEN is set, else the local disk under DATA_DIR/uploads. */
export async function getStorage(): Promise<Storage> {
  if (store.__c360Storage) return store.__c360Storage;
  const token = env().UPLOADTHING_TOKEN;
  if (token) {
    const { UploadThingStorage } = await import('./uploadthing');
    store.__c360Storage = new UploadThingStorage();
  } else {
    const { LocalStorage } = await import('./local');
    store.__c360Storage = new LocalStorage();
  }
  return store.__c360Storage;
}

/** Tests (and CLIs) may install a backend; `undefined` resets to the env-based choice. */
export function setStorage(storage: Storage | undefined): void {
  store.__c360Storage = storage;
}

/**
 * Best-effort removal after the database no longer references the files: each key is retried
 * once; what still fails is logged (and `npm run storage:check` will list it as an orphan).
 */
export async function deleteStoredFiles(keys: readonly string[], storage?: Storage): Promise<{ failed: string[] }> {
  if (!keys.length) return { failed: [] };
  const backend = storage ?? (await getStorage());
  const failed: string[] = [];
  for (const key of keys) {
    let lastError: unknown;
    for (let attempt = 0; attempt < 2; attempt++) {
      try {
        await backend.delete(key);
        lastError = undefined;
        break;
      } catch (error) {
        lastError = error;
      }
    }
    if (lastError !== undefined) {
      failed.push(key);
      console.error(`[storage] could not delete ${key}:`, lastError instanceof Error ? lastError.message : lastError);
    }
  }
  return { failed };
}
