import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import { Readable } from 'node:stream';

/**
 * A minimal POSIX ustar writer and reader, enough for our own archives (regular files only).
 * Node has no tar module and the tar packages in node_modules are only transitive dependencies,
 * so the few rules of the format live here. GNU tar reads what we write (tests check it) and we
 * read what GNU tar writes for regular files. Sizes above 8 GiB use GNU's base-256 encoding.
 */

const BLOCK = 512;
const OCTAL_SIZE_MAX = 0o77777777777; // 11 octal digits

export class TarFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TarFormatError';
  }
}

function writeString(header: Buffer, value: string, offset: number, length: number): void {
  const bytes = Buffer.from(value, 'utf8');
  if (bytes.length > length) throw new TarFormatError(`nom trop long pour une archive tar : ${value}`);
  bytes.copy(header, offset);
}

function writeOctal(header: Buffer, value: number, offset: number, length: number): void {
  header.write(value.toString(8).padStart(length - 1, '0') + '\0', offset, length, 'ascii');
}

function writeSize(header: Buffer, size: number, offset: number): void {
  if (size <= OCTAL_SIZE_MAX) return writeOctal(header, size, offset, 12);
  // GNU base-256: high bit of the first byte set, then the value big-endian.
  header[offset] = 0x80;
  let rest = BigInt(size);
  for (let i = offset + 11; i > offset; i--) {
    header[i] = Number(rest & 0xffn);
    rest >>= 8n;
  }
}

/** Splits a path into ustar's prefix (≤155 bytes) and name (≤100 bytes) at a slash. */
function splitName(name: string): { prefix: string; base: string } {
  if (Buffer.byteLength(name) <= 100) return { prefix: '', base: name };
  for (let i = name.lastIndexOf('/'); i > 0; i = name.lastIndexOf('/', i - 1)) {
    const prefix = name.slice(0, i);
    const base = name.slice(i + 1);
    if (Buffer.byteLength(prefix) <= 155 && Buffer.byteLength(base) <= 100) return { prefix, base };
  }
  throw new TarFormatError(`nom trop long pour une archive tar : ${name}`);
}

export function tarHeader(name: string, size: number, mtime: Date, mode = 0o600): Buffer {
  if (!name || name.startsWith('/') || name.split('/').includes('..'))
    throw new TarFormatError(`nom d'entrée refusé : ${name}`);
  const header = Buffer.alloc(BLOCK, 0);
  const { prefix, base } = splitName(name);
  writeString(header, base, 0, 100);
  writeOctal(header, mode, 100, 8);
  writeOctal(header, 0, 108, 8); // uid
  writeOctal(header, 0, 116, 8); // gid
  writeSize(header, size, 124);
  writeOctal(header, Math.floor(mtime.getTime() / 1000), 136, 12);
  header.write(' '.repeat(8), 148, 8, 'ascii'); // checksum placeholder
  header.write('0', 156, 1, 'ascii'); // regular file
  header.write('ustar\0', 257, 6, 'ascii');
  header.write('00', 263, 2, 'ascii');
  writeString(header, prefix, 345, 155);
  let sum = 0;
  for (const byte of header) sum += byte;
  header.write(sum.toString(8).padStart(6, '0') + '\0 ', 148, 8, 'ascii');
  return header;
}

const padding = (size: number) => (BLOCK - (size % BLOCK)) % BLOCK;

/** Writes entries one after the other; each entry's size must be known before its bytes. */
export class TarWriter {
  private position = 0;
  private constructor(private readonly fh: FileHandle) {}

  /** Creates the file (never overwrites one) readable by its owner only: an archive holds personal data. */
  static async create(file: string): Promise<TarWriter> {
    return new TarWriter(await open(file, 'wx', 0o600));
  }

  private async write(buffer: Uint8Array): Promise<void> {
    let done = 0;
    while (done < buffer.length) {
      const { bytesWritten } = await this.fh.write(buffer, done, buffer.length - done, this.position);
      done += bytesWritten;
      this.position += bytesWritten;
    }
  }

  /**
   * Streams `size` bytes from `source` into a new entry and returns their sha256. A source that
   * yields more or fewer bytes than announced is an error: the archive would be unreadable.
   */
  async add(
    name: string,
    size: number,
    source: AsyncIterable<Uint8Array | string> | Iterable<Uint8Array>,
    mtime = new Date(),
  ): Promise<string> {
    await this.write(tarHeader(name, size, mtime));
    const hash = createHash('sha256');
    let seen = 0;
    for await (const chunk of source) {
      const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
      seen += bytes.length;
      if (seen > size) throw new TarFormatError(`${name} : plus de ${size} octets lus (le fichier a changé ?)`);
      hash.update(bytes);
      await this.write(bytes);
    }
    if (seen !== size)
      throw new TarFormatError(`${name} : ${seen} octets lus au lieu de ${size} (le fichier a changé ?)`);
    await this.write(Buffer.alloc(padding(size)));
    return hash.digest('hex');
  }

  async addBuffer(name: string, data: Uint8Array, mtime = new Date()): Promise<string> {
    return this.add(name, data.length, [data], mtime);
  }

  /** Two zero blocks end a tar archive; the data is flushed to disk before the file is closed. */
  async close(): Promise<void> {
    await this.write(Buffer.alloc(BLOCK * 2));
    await this.fh.sync();
    await this.fh.close();
  }

  async abort(): Promise<void> {
    await this.fh.close().catch(() => {});
  }
}

export interface TarEntry {
  name: string;
  size: number;
  /** Byte offset of the entry's data in the archive. */
  offset: number;
}

function readString(header: Buffer, offset: number, length: number): string {
  const field = header.subarray(offset, offset + length);
  const end = field.indexOf(0);
  return field.subarray(0, end === -1 ? length : end).toString('utf8');
}

function readNumber(header: Buffer, offset: number, length: number): number {
  if (header[offset] & 0x80) {
    let value = 0n;
    for (let i = offset + 1; i < offset + length; i++) value = (value << 8n) | BigInt(header[i]);
    return Number(value);
  }
  const text = readString(header, offset, length).trim();
  if (!/^[0-7]*$/.test(text)) throw new TarFormatError(`en-tête tar illisible (champ numérique « ${text} »)`);
  return text ? parseInt(text, 8) : 0;
}

function checksumOk(header: Buffer): boolean {
  const stored = readNumber(header, 148, 8);
  let sum = 0;
  for (let i = 0; i < BLOCK; i++) sum += i >= 148 && i < 156 ? 0x20 : header[i];
  return sum === stored;
}

export function parseTarHeader(header: Buffer): { name: string; size: number; type: string } {
  return {
    name: [readString(header, 345, 155), readString(header, 0, 100)].filter(Boolean).join('/'),
    size: readNumber(header, 124, 12),
    type: String.fromCharCode(header[156] || 0x30),
  };
}

/** Lists the regular files of an archive (headers only: the data is read later, by offset). */
export async function listTar(file: string): Promise<TarEntry[]> {
  const fh = await open(file, 'r');
  try {
    const { size: total } = await fh.stat();
    const entries: TarEntry[] = [];
    const header = Buffer.alloc(BLOCK);
    let position = 0;
    for (;;) {
      const { bytesRead } = await fh.read(header, 0, BLOCK, position);
      if (bytesRead < BLOCK) throw new TarFormatError('archive tronquée (fin d’archive absente)');
      if (header.every((b) => b === 0)) return entries;
      if (!checksumOk(header)) throw new TarFormatError(`en-tête tar corrompu à l’octet ${position}`);
      const { name, size, type } = parseTarHeader(header);
      const offset = position + BLOCK;
      if (offset + size > total) throw new TarFormatError(`archive tronquée dans ${name}`);
      if (type === '0' || type === '7') entries.push({ name, size, offset });
      else if (type !== '5') throw new TarFormatError(`${name} : type d’entrée tar non pris en charge (${type})`);
      position = offset + size + padding(size);
    }
  } finally {
    await fh.close();
  }
}

/** The data of one entry as a stream. */
export function entryStream(file: string, entry: TarEntry): Readable {
  if (entry.size === 0) return Readable.from([]);
  return createReadStream(file, { start: entry.offset, end: entry.offset + entry.size - 1 });
}

export async function readEntry(file: string, entry: TarEntry): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of entryStream(file, entry)) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

export async function sha256OfEntry(file: string, entry: TarEntry): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of entryStream(file, entry)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}
