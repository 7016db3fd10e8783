import { Readable } from 'node:stream';
import { eq } from 'drizzle-orm';
import type { Db, Tx } from '@/db';
import { customerDocuments } from '@/db/schema';
import type { Actor } from '@/lib/auth/actor';
import { canDeleteDocument } from '@/lib/auth/permissions';
import { withActivity } from '@/lib/audit';
import { requireCustomer } from '@/lib/customers/guard';
import { AppError, zodFieldErrors } from '@/lib/errors';
import { deleteStoredFiles, getStorage, maxUploadBytes, newStorageKey, type Storage } from '@/lib/storage';
import { toNodeReadable, tooLarge } from '@/lib/storage/local';
import { getDocumentOrThrow } from './queries';
import { sanitizeFileName } from './sanitize';
import { DOCUMENT_CATEGORY_LABELS, documentUploadSchema } from './schema';
import { type DocumentRow } from './serialize';
import { SNIFF_HEAD_BYTES, sniffHead, TextGuard } from './sniff';

export type UploadBody = Blob | ReadableStream<Uint8Array> | Readable | Uint8Array;

export interface UploadDocumentInput {
  /** The file's bytes; a File from a multipart form is a Blob. Streamed, never read whole. */
  body: UploadBody;
  originalName: string | null | undefined;
  category: unknown;
  description?: unknown;
}

export interface UploadOptions {
  storage?: Storage;
  maxBytes?: number;
  /** Test hook: runs after the file is stored, before the row is written (crash injection). */
  afterStore?: (key: string) => Promise<void>;
  /** Runs in the row's transaction (e.g. linking it to an intervention); a throw undoes the row and the file. */
  inTransaction?: (tx: Tx, row: DocumentRow) => Promise<void>;
}

function emptyFile(): AppError {
  return AppError.validation({ file: ['Le fichier est vide.'] }, 'Le fichier est vide.');
}

/** Reads the first bytes to decide the type, then hands back a stream of the whole file. */
async function splitHead(source: Readable, maxBytes: number) {
  const iterator = source[Symbol.asyncIterator]() as AsyncIterator<Buffer | Uint8Array | string>;
  const chunks: Buffer[] = [];
  let size = 0;
  let done = false;
  while (size < SNIFF_HEAD_BYTES) {
    const step = await iterator.next();
    if (step.done) {
      done = true;
      break;
    }
    const buf = Buffer.isBuffer(step.value) ? step.value : Buffer.from(step.value);
    size += buf.length;
    if (size > maxBytes) {
      await iterator.return?.();
      throw tooLarge(maxBytes);
    }
    chunks.push(buf);
  }
  const head = Buffer.concat(chunks);
  async function* all() {
    yield head;
    if (done) return;
    for (;;) {
      const step = await iterator.next();
      if (step.done) return;
      yield Buffer.isBuffer(step.value) ? step.value : Buffer.from(step.value);
    }
  }
  return {
    head,
    complete: done,
    stream: Readable.from(all(), { objectMode: false }),
    cancel: () => iterator.return?.(),
  };
}

function isForeignKeyViolation(error: unknown): boolean {
  let current: unknown = error;
  for (let depth = 0; current && depth < 4; depth++) {
    if ((current as { code?: string }).code === '23503') return true;
    current = (current as { cause?: unknown }).cause;
  }
  return false;
}

/**
 * Upload in the only order that cannot leave orphans: validate → sniff the first bytes (415 before
 * anything is written) → stream to storage under a random key (size limit, sha256) → one
 * transaction with the row and its activity. If the transaction fails the file is deleted; if
 * the file write fails there is no row yet.
 */
export async function uploadDocument(
  db: Db,
  actor: Actor,
  customerId: string,
  input: UploadDocumentInput,
  options: UploadOptions = {},
): Promise<DocumentRow> {
  const meta = documentUploadSchema.safeParse({
    category: input.category,
    description: input.description ?? undefined,
  });
  if (!meta.success) throw AppError.validation(zodFieldErrors(meta.error));
  const maxBytes = options.maxBytes ?? maxUploadBytes();
  const originalName = sanitizeFileName(input.originalName);
  // Checked before the file is streamed (no upload for nothing), again under lock in the transaction.
  await requireCustomer(db, customerId);

  let body = input.body;
  if (body instanceof Blob) {
    if (body.size === 0) throw emptyFile();
    if (body.size > maxBytes) throw tooLarge(maxBytes);
    body = body.stream();
  }
  const { head, complete, stream, cancel } = await splitHead(toNodeReadable(body), maxBytes);
  if (head.length === 0) throw emptyFile();
  let sniffed;
  try {
    sniffed = await sniffHead(head, complete, originalName);
  } catch (error) {
    await cancel();
    throw error;
  }

  const storage = options.storage ?? (await getStorage());
  const key = newStorageKey();
  const source = sniffed.text ? stream.pipe(new TextGuard()) : stream;
  if (sniffed.text) stream.on('error', (e) => source.destroy(e));
  const stored = await storage.put(key, source, { maxBytes, contentType: sniffed.mime });

  try {
    await options.afterStore?.(key);
    return await withActivity(db, actor, async (tx) => {
      await requireCustomer(tx, customerId, { forUpdate: true });
      const [row] = await tx
        .insert(customerDocuments)
        .values({
          customerId,
          category: meta.data.category,
          originalName,
          storageKey: key,
          mimeType: sniffed.mime,
          sizeBytes: stored.size,
          sha256: stored.sha256,
          description: meta.data.description ?? null,
          uploadedBy: actor.kind === 'user' ? actor.id : null,
          uploadedByToken: actor.kind === 'token' ? actor.id : null,
          uploadedByName: actor.name,
        })
        .returning();
      await options.inTransaction?.(tx, row);
      return {
        value: row,
        activity: {
          customerId,
          type: 'document',
          title: `Document ajouté : ${originalName}`,
          description: meta.data.description ?? null,
          metadata: {
            category: meta.data.category,
            categoryLabel: DOCUMENT_CATEGORY_LABELS[meta.data.category],
            originalName,
            mimeType: sniffed.mime,
            sizeBytes: stored.size,
          },
          relatedType: 'document',
          relatedId: row.id,
        },
      };
    });
  } catch (error) {
    await deleteStoredFiles([key], storage);
    // The customer vanished between the check and the insert.
    if (isForeignKeyViolation(error)) throw AppError.notFound('Client introuvable.');
    throw error;
  }
}

/**
 * Soft delete (the row stays as a tombstone: activity and consent proofs may point at it), then
 * the stored file is removed once the transaction has committed.
 */
export async function deleteDocument(
  db: Db,
  actor: Actor,
  customerId: string,
  docId: string,
  options: { storage?: Storage } = {},
): Promise<{ id: string; storageKey: string; fileRemoved: boolean }> {
  const row = await withActivity(db, actor, async (tx) => {
    const doc = await getDocumentOrThrow(tx, customerId, docId, actor, { forUpdate: true });
    if (!canDeleteDocument(actor, doc)) {
      throw AppError.forbidden('Vous ne pouvez supprimer que les documents que vous avez déposés.');
    }
    await tx
      .update(customerDocuments)
      .set({ deletedAt: new Date(), deletedBy: actor.id })
      .where(eq(customerDocuments.id, doc.id));
    return {
      value: doc,
      activity: {
        customerId,
        type: 'document',
        title: `Document supprimé : ${doc.originalName}`,
        metadata: {
          category: doc.category,
          categoryLabel: DOCUMENT_CATEGORY_LABELS[doc.category],
          originalName: doc.originalName,
        },
        relatedType: 'document',
        relatedId: doc.id,
      },
    };
  });
  const { failed } = await deleteStoredFiles([row.storageKey], options.storage);
  return { id: row.id, storageKey: row.storageKey, fileRemoved: failed.length === 0 };
}
