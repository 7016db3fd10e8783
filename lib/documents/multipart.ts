import { AppError } from '@/lib/errors';
import { maxUploadBytes } from '@/lib/storage';
import { tooLarge } from '@/lib/storage/local';
import type { UploadDocumentInput } from './mutations';

/** Room for the multipart boundaries and the small text fields around the file. */
const MULTIPART_OVERHEAD = 64 * 1024;

/**
 * Multipart upload → the file and its fields. The body is capped *before* it is parsed: a
 * declared Content-Length above the limit is a 413 at once, and an undeclared (chunked) body is
 * cut off by a counting stream, so at most limit + overhead bytes are ever buffered.
 */
export async function readMultipartUpload(
  req: Request,
  maxBytes = maxUploadBytes(),
): Promise<UploadDocumentInput & { interventionId?: string; signature?: boolean }> {
  const type = req.headers.get('content-type') ?? '';
  if (!/^multipart\/form-data;\s*boundary=/i.test(type)) {
    throw new AppError('unsupported_media_type', 'Envoyez le fichier en multipart/form-data (champ « file »).');
  }
  const cap = maxBytes + MULTIPART_OVERHEAD;
  const declared = Number(req.headers.get('content-length') ?? '');
  if (Number.isFinite(declared) && declared > cap) throw tooLarge(maxBytes);
  if (!req.body) throw AppError.badRequest('Aucun fichier reçu (champ « file »).');

  let seen = 0;
  let exceeded = false;
  const limited = req.body.pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        seen += chunk.byteLength;
        if (seen > cap) {
          exceeded = true;
          controller.error(tooLarge(maxBytes));
          return;
        }
        controller.enqueue(chunk);
      },
    }),
  );
  let form: FormData;
  try {
    form = await new Response(limited, { headers: { 'content-type': type } }).formData();
  } catch {
    if (exceeded) throw tooLarge(maxBytes);
    throw AppError.badRequest('Formulaire multipart mal formé.');
  }
  const file = form.get('file');
  if (!(file instanceof Blob)) throw AppError.badRequest('Aucun fichier reçu (champ « file »).');
  const text = (name: string) => {
    const v = form.get(name);
    return typeof v === 'string' && v.trim() !== '' ? v : undefined;
  };
  return {
    body: file,
    originalName: 'name' in file ? (file as File).name : null,
    category: text('category'),
    description: text('description'),
    // A photo or the customer's signature for an intervention of this customer (lib/interventions/uploads.ts).
    interventionId: text('interventionId'),
    signature: text('signature') === 'true' || text('signature') === '1',
  };
}
