import { eq } from 'drizzle-orm';
import type { Db, Tx } from '@/db';
import { customerDocuments, interventions } from '@/db/schema';
import type { InterventionStatus } from '@/db/schema/enums';
import type { Actor } from '@/lib/auth/actor';
import { type UploadBody, uploadDocument } from '@/lib/documents/mutations';
import type { DocumentRow } from '@/lib/documents/serialize';
import { AppError } from '@/lib/errors';
import type { Storage } from '@/lib/storage';
import { findIntervention, lockIntervention, requireReport } from './guards';
import { parisToday } from './time';

/**
 * Photos and the customer's signature are the customer's documents (category `photo`, the
 * contract's list of categories has no `signature`), linked to the intervention by
 * `customer_documents.intervention_id`; the signature is also `interventions.signature_document_id`
 * and its description says "Signature du client". They go through the documents mutation (type
 * sniffed from the bytes, sha256, size limit, `document` activity); the link is written in the
 * same transaction as the row. Only those who report on the intervention may add them.
 */
const MAX_SIGNATURE_BYTES = 512 * 1024;
const PHOTO_STATUSES: InterventionStatus[] = ['planned', 'in_progress', 'done'];
const SIGNATURE_STATUSES: InterventionStatus[] = ['in_progress', 'done'];

function assertStatus(status: InterventionStatus, allowed: InterventionStatus[], what: string) {
  if (allowed.includes(status)) return;
  const why =
    status === 'cancelled'
      ? 'Intervention annulée'
      : status === 'invoiced'
        ? 'Intervention déjà facturée'
        : 'Intervention non démarrée';
  throw AppError.conflict(`${why} : ${what}.`);
}

async function lockForDocument(
  tx: Tx,
  actor: Actor,
  customerId: string,
  id: string,
  allowed: InterventionStatus[],
  what: string,
) {
  const row = await lockIntervention(tx, customerId, id);
  await requireReport(tx, actor, row);
  assertStatus(row.status, allowed, what);
  return row;
}

export async function addInterventionPhoto(
  db: Db,
  actor: Actor,
  customerId: string,
  id: string,
  file: { body: UploadBody; originalName: string | null | undefined; description?: string | null },
  options: { storage?: Storage } = {},
): Promise<DocumentRow> {
  // Checked before the upload too, so a refused photo is never stored even for a moment.
  const row = await findIntervention(db, customerId, id);
  await requireReport(db, actor, row);
  assertStatus(row.status, PHOTO_STATUSES, 'plus aucune photo ne peut y être ajoutée');
  return uploadDocument(
    db,
    actor,
    customerId,
    { body: file.body, originalName: file.originalName, category: 'photo', description: file.description ?? undefined },
    {
      storage: options.storage,
      inTransaction: async (tx, doc) => {
        await lockForDocument(tx, actor, customerId, id, PHOTO_STATUSES, 'plus aucune photo ne peut y être ajoutée');
        if (!doc.mimeType.startsWith('image/'))
          throw new AppError('unsupported_media_type', 'Une photo doit être une image (JPEG, PNG, WebP ou HEIC).');
        await tx.update(customerDocuments).set({ interventionId: id }).where(eq(customerDocuments.id, doc.id));
      },
    },
  );
}

/** "data:image/png;base64,…" (what signature_pad's toDataURL gives) or the PNG bytes. */
export function signatureBytes(signature: string | Uint8Array): Uint8Array {
  if (typeof signature !== 'string') return signature;
  const match = /^data:image\/png;base64,([A-Za-z0-9+/]+={0,2})$/.exec(signature.trim());
  if (!match) throw AppError.validation({ signature: ['Signature attendue au format PNG (data:image/png;base64,…).'] });
  return new Uint8Array(Buffer.from(match[1], 'base64'));
}

export async function saveInterventionSignature(
  db: Db,
  actor: Actor,
  customerId: string,
  id: string,
  signature: string | Uint8Array,
  options: { storage?: Storage } = {},
): Promise<DocumentRow> {
  const bytes = signatureBytes(signature);
  if (bytes.length > MAX_SIGNATURE_BYTES)
    throw new AppError('payload_too_large', 'Signature trop volumineuse (512 Ko au plus).');
  const row = await findIntervention(db, customerId, id);
  await requireReport(db, actor, row);
  assertStatus(row.status, SIGNATURE_STATUSES, 'la signature ne peut pas être recueillie');
  return uploadDocument(
    db,
    actor,
    customerId,
    {
      body: bytes,
      originalName: `signature-${parisToday()}.png`,
      category: 'photo',
      description: 'Signature du client',
    },
    {
      maxBytes: MAX_SIGNATURE_BYTES,
      storage: options.storage,
      inTransaction: async (tx, doc) => {
        const locked = await lockForDocument(
          tx,
          actor,
          customerId,
          id,
          SIGNATURE_STATUSES,
          'la signature ne peut pas être recueillie',
        );
        if (doc.mimeType !== 'image/png')
          throw new AppError('unsupported_media_type', 'La signature doit être une image PNG.');
        await tx.update(customerDocuments).set({ interventionId: id }).where(eq(customerDocuments.id, doc.id));
        // updatedAt is kept: a signature does not make the phone's version of the report stale.
        await tx
          .update(interventions)
          .set({ signatureDocumentId: doc.id, updatedAt: locked.updatedAt })
          .where(eq(interventions.id, id));
      },
    },
  );
}
