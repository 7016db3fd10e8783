import type { Db } from '@/db';
import type { Actor } from '@/lib/auth/actor';
import type { UploadDocumentInput } from '@/lib/documents/mutations';
import type { DocumentRow } from '@/lib/documents/serialize';
import { AppError } from '@/lib/errors';
import type { Storage } from '@/lib/storage';
import { addInterventionPhoto, saveInterventionSignature } from './documents';

const MAX_SIGNATURE_BYTES = 512 * 1024;

/**
 * The documents upload route with an `interventionId` field: a photo of the work (category
 * `photo` whatever was sent), or with `signature` the customer's signature (a PNG). The
 * intervention must be this customer's (404 otherwise) and the caller the one who reports on it.
 */
export async function uploadInterventionFile(
  db: Db,
  actor: Actor,
  customerId: string,
  interventionId: string,
  input: Pick<UploadDocumentInput, 'body' | 'originalName' | 'category' | 'description'> & { signature?: boolean },
  options: { storage?: Storage } = {},
): Promise<DocumentRow> {
  if (input.category !== undefined && input.category !== 'photo')
    throw AppError.validation({ category: ['Une pièce d’intervention est une photo (catégorie « photo »).'] });
  if (!input.signature)
    return addInterventionPhoto(
      db,
      actor,
      customerId,
      interventionId,
      {
        body: input.body,
        originalName: input.originalName,
        description: typeof input.description === 'string' ? input.description : null,
      },
      options,
    );
  if (!(input.body instanceof Blob)) throw AppError.badRequest('Signature : fichier PNG attendu (champ « file »).');
  if (input.body.size > MAX_SIGNATURE_BYTES)
    throw new AppError('payload_too_large', 'Signature trop volumineuse (512 Ko au plus).');
  const bytes = new Uint8Array(await input.body.arrayBuffer());
  return saveInterventionSignature(db, actor, customerId, interventionId, bytes, options);
}
