import { randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream, type ReadStream } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as NodeWebReadableStream } from 'node:stream/web';
import busboy from 'busboy';
import { dataDir } from '@/lib/env';
import { AppError } from '@/lib/errors';
import { tooLarge } from '@/lib/storage/local';

/** Room for the multipart boundaries and the small text fields around the file. */
const MULTIPART_OVERHEAD = 64 * 1024;

export interface ReceivedFile {
  /** The file's bytes, in DATA_DIR/tmp until `remove()`. */
  path: string;
  size: number;
  originalName: string | null;
  /** The text fields asked for (`fieldNames`), blank ones left out. */
  fields: Record<string, string>;
  /**
   * A read stream on the bytes, closed by `remove()` if still open: a stream opened and never read (the
   * fields were refused first) must not outlive the file, or its open fails on a stream nobody listens to
   * (ENOENT, an uncaught exception that ends the server process).
   */
  open(): ReadStream;
  /** Closes the streams `open()` gave, then deletes the file. */
  remove(): Promise<void>;
}

export interface ReceiveOptions {
  maxBytes: number;
  /** No byte received for this long: the upload is aborted (408). */
  stallMs: number;
  fieldNames: readonly string[];
  fileField?: string;
}

/** Browsers escape `"`, CR and LF in a multipart file name as %22, %0D, %0A (HTML spec); busboy leaves them. */
function decodeFormFileName(name: string | undefined): string | null {
  if (!name) return null;
  return name.replace(/%22/g, '"').replace(/%0D/gi, '\r').replace(/%0A/gi, '\n');
}

/**
 * A multipart upload streamed to a temporary file under DATA_DIR/tmp (busboy): memory holds a few
 * chunks whatever the file size, and the fields may come before or after the file. A declared
 * Content-Length above the limit is a 413 at once; a file above it is cut off as soon as it crosses
 * it (413); nothing received for `stallMs` is a 408. On any failure the temporary file is removed.
 * README "Security notes" → "Uploads".
 */
export async function receiveMultipartFile(req: Request, opts: ReceiveOptions): Promise<ReceivedFile> {
  const type = req.headers.get('content-type') ?? '';
  const fileField = opts.fileField ?? 'file';
  if (!/^multipart\/form-data;\s*boundary=/i.test(type)) {
    throw new AppError('unsupported_media_type', `Envoyez le fichier en multipart/form-data (champ « ${fileField} »).`);
  }
  const declared = Number(req.headers.get('content-length') ?? '');
  if (Number.isFinite(declared) && declared > opts.maxBytes + MULTIPART_OVERHEAD) throw tooLarge(opts.maxBytes);
  if (!req.body) throw AppError.badRequest(`Aucun fichier reçu (champ « ${fileField} »).`);

  const dir = path.join(dataDir(), 'tmp');
  await mkdir(dir, { recursive: true });
  const tmpPath = path.join(dir, `upload-${randomUUID()}.part`);
  const streams = new Set<ReadStream>();
  const open = () => {
    const stream = createReadStream(tmpPath);
    streams.add(stream);
    stream.once('close', () => streams.delete(stream));
    return stream;
  };
  const remove = async () => {
    await Promise.all(
      [...streams].map(
        (stream) =>
          new Promise<void>((resolve) => {
            stream.on('error', () => {}); // its reader is gone: nobody else would hear it
            stream.once('close', () => resolve());
            stream.destroy();
          }),
      ),
    );
    await rm(tmpPath, { force: true });
  };
  const source = Readable.fromWeb(req.body as unknown as NodeWebReadableStream<Uint8Array>);

  let parser: busboy.Busboy;
  try {
    parser = busboy({
      headers: { 'content-type': type },
      defParamCharset: 'utf8',
      limits: { files: 1, fileSize: opts.maxBytes, fields: 20, fieldSize: 64 * 1024, parts: 30, headerPairs: 50 },
    });
  } catch {
    throw AppError.badRequest('Formulaire multipart mal formé.');
  }

  const fields: Record<string, string> = {};
  let size = 0;
  let originalName: string | null = null;
  let written: Promise<void> | null = null;
  let timer: NodeJS.Timeout | undefined;

  try {
    await new Promise<void>((resolve, reject) => {
      let settled = false;
      const fail = (error: unknown) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        // Next tick: busboy still touches its file stream after emitting 'limit' (a synchronous destroy
        // there throws inside busboy).
        setImmediate(() => {
          source.destroy();
          parser.destroy();
        });
        reject(error);
      };
      const stall = () => {
        clearTimeout(timer);
        timer = setTimeout(
          () =>
            fail(
              new AppError(
                'request_timeout',
                `Envoi interrompu : aucune donnée reçue pendant ${Math.round(opts.stallMs / 1000)} s.`,
              ),
            ),
          opts.stallMs,
        );
      };
      stall();
      source.on('data', stall);
      source.on('error', () => fail(AppError.badRequest('Envoi interrompu : la connexion a été coupée.')));
      parser.on('field', (name, value, info) => {
        if (!opts.fieldNames.includes(name)) return;
        // A value cut at fieldSize is refused as too long rather than silently dropped.
        if (info.valueTruncated) fail(AppError.validation({ [name]: ['Valeur trop longue.'] }));
        else if (value.trim() !== '') fields[name] = value;
      });
      parser.on('file', (name, stream, info) => {
        // Already refused (a field came first): the temporary file may be gone, do not create it again.
        if (name !== fileField || written || settled) {
          stream.resume();
          return;
        }
        originalName = decodeFormFileName(info.filename);
        stream.on('data', (chunk: Buffer) => (size += chunk.length));
        stream.on('limit', () => fail(tooLarge(opts.maxBytes)));
        written = pipeline(stream, createWriteStream(tmpPath, { flags: 'wx' }));
        written.catch(fail);
      });
      parser.on('error', () => fail(AppError.badRequest('Formulaire multipart mal formé.')));
      parser.on('close', () => {
        clearTimeout(timer);
        if (!written) return fail(AppError.badRequest(`Aucun fichier reçu (champ « ${fileField} »).`));
        written.then(() => {
          if (!settled) {
            settled = true;
            resolve();
          }
        }, fail);
      });
      source.pipe(parser);
    });
  } catch (error) {
    clearTimeout(timer);
    await (written as Promise<void> | null)?.catch(() => {});
    await remove();
    throw error;
  }
  return { path: tmpPath, size, originalName, fields, open, remove };
}
