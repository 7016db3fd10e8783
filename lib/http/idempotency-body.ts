import { createHash, type Hash } from 'node:crypto';
import { AppError } from '@/lib/errors';

/** What identifies a request body: its SHA-256 (multipart: boundary left out) and its size in bytes. */
export interface BodyDigest {
  sha256: string;
  bytes: number;
}

export const EMPTY_BODY: BodyDigest = { sha256: createHash('sha256').digest('hex'), bytes: 0 };
/** A body read for comparison may exceed the stored size by this much (a longer multipart boundary). */
const SIZE_SLACK = 64 * 1024;
const BOUNDARY_MARK = Buffer.from('\u0000boundary\u0000');

/**
 * SHA-256 of the body as it streams. A multipart body's boundary is random for each send (a browser
 * rebuilding the same FormData from an offline queue picks a new one), so each of its occurrences is
 * hashed as a fixed mark: the same fields and file give the same digest whatever the boundary.
 */
class BodyHasher {
  private readonly hash: Hash = createHash('sha256');
  private tail = Buffer.alloc(0);
  bytes = 0;

  constructor(private readonly boundary: Buffer | null) {}

  static for(req: Request): BodyHasher {
    const type = req.headers.get('content-type') ?? '';
    const m = /^multipart\/[\w-]+\s*;.*?\bboundary=(?:"([^"]+)"|([^;\s]+))/i.exec(type);
    return new BodyHasher(m ? Buffer.from(`--${m[1] ?? m[2]}`) : null);
  }

  update(chunk: Uint8Array): void {
    this.bytes += chunk.byteLength;
    if (!this.boundary) {
      this.hash.update(chunk);
      return;
    }
    const buf = this.tail.length ? Buffer.concat([this.tail, chunk]) : Buffer.from(chunk);
    let from = 0;
    for (let at = buf.indexOf(this.boundary); at >= 0; at = buf.indexOf(this.boundary, from)) {
      this.hash.update(buf.subarray(from, at));
      this.hash.update(BOUNDARY_MARK);
      from = at + this.boundary.length;
    }
    // The last bytes may be the start of a boundary that the next chunk completes.
    const keep = Math.max(from, buf.length - (this.boundary.length - 1));
    this.hash.update(buf.subarray(from, keep));
    this.tail = Buffer.from(buf.subarray(keep));
  }

  digest(): BodyDigest {
    this.hash.update(this.tail);
    return { sha256: this.hash.digest('hex'), bytes: this.bytes };
  }
}

/** After the handler returns, how long the end of a body it was still reading may take to arrive. */
const END_GRACE_MS = 2_000;
/** Reading a body to compare it with a stored one: nothing received for this long is a 408 (as uploads). */
const STALL_MS = 30_000;

export interface BodyTap {
  /** The same request, its body flowing through the hash as the handler reads it (never buffered). */
  request: Request;
  /** The digest once the handler has read the body to its end; null if it stopped before (refused, cut off). */
  digest(): Promise<BodyDigest | null>;
}

/**
 * Hashes the raw body bytes as the handler streams them (a 20 MB photo is never held whole), so the
 * fingerprint of a multipart upload is that of the bytes sent, form fields and file alike.
 */
export function tapBody(req: Request): BodyTap {
  if (!req.body) return { request: req, digest: async () => EMPTY_BODY };
  const hasher = BodyHasher.for(req);
  const reader = req.body.getReader();
  let started = false;
  let settle!: (digest: BodyDigest | null) => void;
  const ended = new Promise<BodyDigest | null>((resolve) => (settle = resolve));
  const body = new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        started = true;
        try {
          const { done, value } = await reader.read();
          if (done) {
            settle(hasher.digest());
            controller.close();
            return;
          }
          hasher.update(value);
          controller.enqueue(value);
        } catch (error) {
          settle(null);
          controller.error(error);
        }
      },
      cancel(reason) {
        settle(null);
        return reader.cancel(reason);
      },
    },
    // Pulled only when the handler reads: an untouched body stays untouched.
    { highWaterMark: 0 },
  );
  const request = new Request(req.url, {
    method: req.method,
    headers: req.headers,
    body,
    signal: req.signal,
    duplex: 'half',
  } as RequestInit);
  return {
    request,
    async digest() {
      if (!started) return null;
      // A multipart parser may answer just before the stream's last (epilogue) bytes are read.
      let timer: NodeJS.Timeout | undefined;
      const late = new Promise<null>((resolve) => (timer = setTimeout(() => resolve(null), END_GRACE_MS)));
      try {
        return await Promise.race([ended, late]);
      } finally {
        clearTimeout(timer);
      }
    },
  };
}

/**
 * Reads a body only to compare it with a stored digest of `storedBytes` bytes: a body much longer
 * (declared or received) cannot be the same one, so the reading stops there and the answer is null.
 */
export async function digestBody(req: Request, storedBytes: number): Promise<BodyDigest | null> {
  const maxBytes = storedBytes + SIZE_SLACK;
  const declared = Number(req.headers.get('content-length') ?? '');
  if (Number.isFinite(declared) && declared > maxBytes) return null;
  if (!req.body) return EMPTY_BODY;
  const hasher = BodyHasher.for(req);
  const reader = req.body.getReader();
  for (;;) {
    let timer: NodeJS.Timeout | undefined;
    const stalled = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new AppError('request_timeout', 'Envoi interrompu : aucune donnée reçue.')),
        STALL_MS,
      );
    });
    try {
      const { done, value } = await Promise.race([reader.read(), stalled]);
      if (done) return hasher.digest();
      hasher.update(value);
      if (hasher.bytes > maxBytes) {
        await reader.cancel().catch(() => {});
        return null;
      }
    } catch (error) {
      await reader.cancel().catch(() => {});
      throw error;
    } finally {
      clearTimeout(timer);
    }
  }
}
