import { getDb } from '@/db';
import { withAuth } from '@/lib/auth/with-auth';
import { receiveMultipartFile } from '@/lib/documents/multipart';
import { acquireUploadSlot, UPLOAD_LIMITS } from '@/lib/documents/upload-slots';
import { json } from '@/lib/http/responses';
import { LEGACY_IMPORT_MAX_BYTES, previewLegacyImport } from '@/lib/legacy-import/preview';
import { previewLegacyImportRoute } from '@/lib/openapi/routes/admin';

/** Admin import, step 1: the file streamed to disk (not through a 2 MB server action), then the dry run. */
export const POST = withAuth(previewLegacyImportRoute, async ({ req, actor }) => {
  const slot = acquireUploadSlot(actor);
  try {
    const file = await receiveMultipartFile(req, {
      maxBytes: LEGACY_IMPORT_MAX_BYTES,
      stallMs: UPLOAD_LIMITS.stallMs,
      fieldNames: [],
    });
    try {
      return json(await previewLegacyImport(getDb(), actor, file));
    } finally {
      // Moved under its checksum when the preview succeeded; otherwise removed here.
      await file.remove();
    }
  } finally {
    slot.release();
  }
});
