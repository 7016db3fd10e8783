import { openAsBlob } from 'node:fs';
import { getDb } from '@/db';
import { withAuth } from '@/lib/auth/with-auth';
import { requireCustomer } from '@/lib/customers/guard';
import { uploadDocument } from '@/lib/documents/mutations';
import { receiveMultipartFile } from '@/lib/documents/multipart';
import { listDocuments } from '@/lib/documents/queries';
import { serializeDocument } from '@/lib/documents/serialize';
import { acquireUploadSlot, UPLOAD_LIMITS } from '@/lib/documents/upload-slots';
import { json } from '@/lib/http/responses';
import { uploadInterventionFile } from '@/lib/interventions/uploads';
import { listDocumentsRoute, uploadDocumentRoute } from '@/lib/openapi/routes/documents';
import { maxUploadBytes } from '@/lib/storage';

export const GET = withAuth(listDocumentsRoute, async ({ actor, params, query }) =>
  json(await listDocuments(getDb(), params.id, query, actor)),
);

/**
 * Multipart, streamed: the body goes to a temporary file (never whole in memory), then into storage
 * through uploadDocument (type from the bytes, size, sha256, row + activity). The UI posts here too.
 * With `interventionId`, a photo of that intervention or (`signature`) the customer's signature.
 */
export const POST = withAuth(uploadDocumentRoute, async ({ req, actor, params }) => {
  const slot = acquireUploadSlot(actor);
  try {
    // An unknown customer (404) or an erased one (409) is refused before a single byte of the file is read.
    await requireCustomer(getDb(), params.id);
    const file = await receiveMultipartFile(req, {
      maxBytes: maxUploadBytes(),
      stallMs: UPLOAD_LIMITS.stallMs,
      fieldNames: ['category', 'description', 'interventionId', 'signature'],
    });
    try {
      const { category, description, interventionId, signature } = file.fields;
      const input = { originalName: file.originalName, category, description };
      const row = interventionId
        ? await uploadInterventionFile(getDb(), actor, params.id, interventionId, {
            ...input,
            signature: signature === 'true' || signature === '1',
            // A signature is read whole (512 KB at most, checked there); a photo is streamed.
            body: signature === 'true' || signature === '1' ? await openAsBlob(file.path) : file.open(),
          })
        : await uploadDocument(getDb(), actor, params.id, { ...input, body: file.open() });
      return json(serializeDocument(row), { status: 201 });
    } finally {
      await file.remove();
    }
  } finally {
    slot.release();
  }
});
