import { getDb } from '@/db';
import { withAuth } from '@/lib/auth/with-auth';
import { uploadDocument } from '@/lib/documents/mutations';
import { readMultipartUpload } from '@/lib/documents/multipart';
import { listDocuments } from '@/lib/documents/queries';
import { documentListQuerySchema } from '@/lib/documents/schema';
import { serializeDocument } from '@/lib/documents/serialize';
import { parseId, parseQuery } from '@/lib/http/parse';
import { json } from '@/lib/http/responses';

type P = { id: string };

export const GET = withAuth<P>(
  async (req, { actor, params }) => {
    const id = parseId(params.id, 'Client');
    const query = parseQuery(req, documentListQuerySchema);
    return json(await listDocuments(getDb(), id, query, actor));
  },
  { permission: 'customer.read' },
);

export const POST = withAuth<P>(
  async (req, { actor, params }) => {
    const id = parseId(params.id, 'Client');
    const form = await readMultipartUpload(req);
    const row = await uploadDocument(getDb(), actor, id, form);
    return json(serializeDocument(row), { status: 201 });
  },
  { permission: 'document.upload' },
);
