import { Transform } from 'node:stream';
import { fileTypeFromBuffer } from 'file-type';
import { AppError } from '@/lib/errors';
import { extensionOf } from './sanitize';

export { ACCEPT_ATTRIBUTE } from './labels';

/**
 * The type of an upload is decided from its bytes only (magic numbers via `file-type`), against
 * an allow-list. The client's MIME type and the extension are ignored for the decision; the
 * extension only chooses between text/csv and text/plain once the bytes are known to be text.
 */
export const ALLOWED_TYPES = {
  'application/pdf': 'PDF',
  'image/jpeg': 'JPEG',
  'image/png': 'PNG',
  'image/webp': 'WebP',
  'image/heic': 'HEIC',
  'image/heif': 'HEIF',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'Word (DOCX)',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'Excel (XLSX)',
  'application/vnd.oasis.opendocument.text': 'OpenDocument (ODT)',
  'text/plain': 'Texte',
  'text/csv': 'CSV',
} as const;
export type AllowedMime = keyof typeof ALLOWED_TYPES;

/** Bytes read before deciding. Office files are zips whose [Content_Types].xml comes first. */
export const SNIFF_HEAD_BYTES = 1024 * 1024;

export interface SniffResult {
  mime: AllowedMime;
  /** Text files are re-checked over their whole length while streaming (see TextGuard). */
  text: boolean;
}

export function unsupportedType(detail?: string): AppError {
  return new AppError(
    'unsupported_media_type',
    `Type de fichier non autorisé${detail ? ` (${detail})` : ''}. Formats acceptés : PDF, JPEG, PNG, WebP, HEIC, DOCX, XLSX, ODT, TXT, CSV.`,
  );
}

// Markup is refused as "text": an SVG or HTML file could run script if it were ever rendered.
const MARKUP = /<\s*(svg|script|html|iframe|object|embed|!doctype|\?xml)\b/i;

/** UTF-8 without NUL bytes and not markup. `complete` = the bytes are the whole file. */
export function looksLikeText(bytes: Uint8Array, complete: boolean): boolean {
  if (bytes.includes(0)) return false;
  let decoded: string;
  try {
    // stream:true tolerates a multi-byte character cut at the end of a partial head.
    decoded = new TextDecoder('utf-8', { fatal: true }).decode(bytes, { stream: !complete });
  } catch {
    return false;
  }
  const start = decoded.replace(/^\ufeff/, '').trimStart();
  if (start.startsWith('<') || start.startsWith('#!')) return false;
  return !MARKUP.test(decoded);
}

/** Decide from the first bytes of the file; throws 415 when the type is not allowed. */
export async function sniffHead(head: Uint8Array, complete: boolean, originalName: string): Promise<SniffResult> {
  const detected = await fileTypeFromBuffer(head);
  if (detected) {
    if (detected.mime in ALLOWED_TYPES && !detected.mime.startsWith('text/')) {
      return { mime: detected.mime as AllowedMime, text: false };
    }
    throw unsupportedType(`détecté : ${detected.ext}`);
  }
  if (!looksLikeText(head, complete)) throw unsupportedType();
  const ext = extensionOf(originalName);
  return { mime: ext === 'csv' ? 'text/csv' : 'text/plain', text: true };
}

/** For text uploads: validates the rest of the stream (UTF-8, no NUL) as it passes. */
export class TextGuard extends Transform {
  private readonly decoder = new TextDecoder('utf-8', { fatal: true });
  _transform(chunk: Buffer, _enc: BufferEncoding, done: (error?: Error | null, data?: Buffer) => void) {
    try {
      if (chunk.includes(0)) throw new Error('NUL');
      this.decoder.decode(chunk, { stream: true });
    } catch {
      return done(unsupportedType('contenu texte invalide'));
    }
    done(null, chunk);
  }
  _flush(done: (error?: Error | null) => void) {
    try {
      this.decoder.decode();
    } catch {
      return done(unsupportedType('contenu texte invalide'));
    }
    done();
  }
}

/** Preview (`?inline=1`) only for types a browser renders without running our-origin script. */
export function isPreviewable(mime: string): boolean {
  return mime === 'application/pdf' || (mime.startsWith('image/') && mime !== 'image/svg+xml');
}
