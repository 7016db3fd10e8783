import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { chmod, mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { dataDir } from '@/lib/env';

/**
 * The file uploaded on the admin import page, kept under DATA_DIR/imports/<sha256>.bin between the
 * preview and the import so that the import reads exactly the previewed bytes. It is personal data:
 * deleted once the import has run (completed or failed), when the preview cannot read it, and after
 * a day when nobody imported it (README "Security").
 */
const PREVIEW_MAX_AGE_MS = 24 * 3_600_000;

const uploadsDir = () => path.join(dataDir(), 'imports');
export const uploadPath = (checksum: string) => path.join(uploadsDir(), `${checksum}.bin`);

export async function saveUpload(buffer: Buffer): Promise<string> {
  await pruneStaleUploads();
  const checksum = createHash('sha256').update(buffer).digest('hex');
  await mkdir(uploadsDir(), { recursive: true });
  await writeFile(uploadPath(checksum), buffer, { mode: 0o600 });
  return checksum;
}

/** Same, for a file already on disk (streamed there by POST /api/admin/legacy-import): moved, not copied. */
export async function saveUploadFile(file: string): Promise<string> {
  await pruneStaleUploads();
  const hash = createHash('sha256');
  await pipeline(createReadStream(file), hash);
  const checksum = hash.digest('hex');
  await mkdir(uploadsDir(), { recursive: true });
  await chmod(file, 0o600);
  await rename(file, uploadPath(checksum));
  return checksum;
}

/** null when the file is gone (already imported, expired, never uploaded). */
export async function readUpload(checksum: string): Promise<Buffer | null> {
  if (!/^[0-9a-f]{64}$/.test(checksum)) return null;
  try {
    return await readFile(uploadPath(checksum));
  } catch {
    return null;
  }
}

export async function deleteUpload(checksum: string): Promise<void> {
  if (/^[0-9a-f]{64}$/.test(checksum)) await rm(uploadPath(checksum), { force: true });
}

export async function pruneStaleUploads(now = Date.now()): Promise<void> {
  let names: string[];
  try {
    names = await readdir(uploadsDir());
  } catch {
    return;
  }
  for (const name of names) {
    const file = path.join(uploadsDir(), name);
    const { mtimeMs } = await stat(file).catch(() => ({ mtimeMs: now }));
    if (now - mtimeMs > PREVIEW_MAX_AGE_MS) await rm(file, { force: true });
  }
}
