import { Readable } from 'node:stream';
import { getDb } from '@/db';
import { withAuth } from '@/lib/auth/with-auth';
import { deleteDocument } from '@/lib/documents/mutations';
import { getDocumentOrThrow } from '@/lib/documents/queries';
import { contentDisposition } from '@/lib/documents/sanitize';
import { serializeDocument } from '@/lib/documents/serialize';
import { isPreviewable } from '@/lib/documents/sniff';
import { updateDocument } from '@/lib/documents/update';
import { json, noContent } from '@/lib/http/responses';
import { deleteDocumentRoute, downloadDocumentRoute, updateDocumentRoute } from '@/lib/openapi/routes/documents';
import { getStorage } from '@/lib/storage';

/**
 * Download, streamed from storage. Always `attachment` + nosniff with the type we sniffed at
 * upload; `?inline=1` only for images and PDFs (preview). Images are sandboxed; Chromium refuses
 * to run its PDF viewer in a CSP-sandboxed document, so PDFs get `default-src 'none'` instead.
 */
export const GET = withAuth(downloadDocumentRoute, async ({ req, actor, params }) => {
  const doc = await getDocumentOrThrow(getDb(), params.id, params.docId, actor);
  const stream = await (await getStorage()).get(doc.storageKey);
  const inline = new URL(req.url).searchParams.get('inline') === '1' && isPreviewable(doc.mimeType);
  const headers: Record<string, string> = {
    'content-type': doc.mimeType.startsWith('text/') ? `${doc.mimeType}; charset=utf-8` : doc.mimeType,
    'content-length': String(doc.sizeBytes),
    'content-disposition': contentDisposition(inline ? 'inline' : 'attachment', doc.originalName),
    'x-content-type-options': 'nosniff',
    'cache-control': 'private, no-store',
    'content-security-policy':
      inline && doc.mimeType === 'application/pdf'
        ? "default-src 'none'; object-src 'self'; frame-ancestors 'self'"
        : "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; frame-ancestors 'self'; sandbox",
    ...(inline ? { 'x-frame-options': 'SAMEORIGIN' } : {}),
  };
  const body = Readable.toWeb(stream) as unknown as ReadableStream<Uint8Array>;
  return new Response(body, { status: 200, headers });
});

export const DELETE = withAuth(deleteDocumentRoute, async ({ actor, params }) => {
  await deleteDocument(getDb(), actor, params.id, params.docId);
  return noContent();
});

/** `{ originalName?, category?, minRole? }` — the uploader or a manager (403 otherwise). */
export const PATCH = withAuth(updateDocumentRoute, async ({ actor, params, body }) =>
  json(serializeDocument(await updateDocument(getDb(), actor, params.id, params.docId, body))),
);
