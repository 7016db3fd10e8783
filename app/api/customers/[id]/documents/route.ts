import { getDb } from '@/db';
import { withAuth } from '@/lib/auth/with-auth';
import { uploadDocument } from '@/lib/documents/mutations';
import { readMultipartUpload } from '@/lib/documents/multipart';
import { listDocuments } from '@/lib/documents/queries';
import { serializeDocument } from '@/lib/documents/serialize';
import { json } from '@/lib/http/responses';
import { uploadInterventionFile } from '@/lib/interventions/uploads';
import { listDocumentsRoute, uploadDocumentRoute } from '@/lib/openapi/routes/documents';

export const GET = withAuth(listDocumentsRoute, async ({ actor, params, query }) =>
  json(await listDocuments(getDb(), params.id, query, actor)),
);

/** Multipart: the handler reads the body itself. */
export const POST = withAuth(uploadDocumentRoute, async ({ req, actor, params }) => {
  const form = await readMultipartUpload(req);
  const row = form.interventionId
    ? await uploadInterventionFile(getDb(), actor, params.id, form.interventionId, form)
    : await uploadDocument(getDb(), actor, params.id, form);
  return json(serializeDocument(row), { status: 201 });
});
