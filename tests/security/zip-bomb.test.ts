import { deflateRawSync, inflateRawSync, constants as zlib } from 'node:zlib';
import { fileTypeFromBuffer } from 'file-type';
import { beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '@/db';
import { uploadDocument } from '@/lib/documents/mutations';
import { SNIFF_HEAD_BYTES, sniffHead } from '@/lib/documents/sniff';
import { actorFor, createCustomer, createUser } from '../factories';
import { listUploadFiles } from '../factories/documents';

/**
 * A DOCX-looking zip bomb: ~20 MB compressed that inflates to ~20 GB. Uploads are typed by
 * `file-type` (lib/documents/sniff.ts), which unzips `[Content_Types].xml` to tell DOCX from XLSX:
 * its inspection must stay bounded in time and memory (file-type 21 caps an inflated entry at 1 MB,
 * and the sniffer only ever sees the first SNIFF_HEAD_BYTES). README "Security notes" → "Uploads".
 */
const MB = 1024 * 1024;

/** Raw deflate of `mb` megabytes of zeros, byte-aligned and not final: copies can be concatenated. */
function zeroBlock(mb: number): Buffer {
  return deflateRawSync(Buffer.alloc(mb * MB), { level: 9, finishFlush: zlib.Z_FULL_FLUSH });
}

function localEntry(name: string, data: Buffer, uncompressed: number, method = 8): Buffer {
  const fileName = Buffer.from(name, 'utf8');
  const h = Buffer.alloc(30);
  h.writeUInt32LE(0x04034b50, 0);
  h.writeUInt16LE(20, 4);
  h.writeUInt16LE(0, 6);
  h.writeUInt16LE(method, 8);
  h.writeUInt32LE(0, 14); // crc32: not checked by a type sniffer
  h.writeUInt32LE(data.length, 18);
  h.writeUInt32LE(Math.min(uncompressed, 0xfffffffe), 22);
  h.writeUInt16LE(fileName.length, 26);
  h.writeUInt16LE(0, 28);
  return Buffer.concat([h, fileName, data]);
}

/** `entry` inflates to ~compressedMb × 1000 MB of zeros. */
function bomb(entry: string, compressedMb: number, prefix: Buffer[] = []): Buffer {
  const block = zeroBlock(16);
  const copies = Math.ceil((compressedMb * MB) / block.length);
  const data = Buffer.concat([...Array.from({ length: copies }, () => block), Buffer.from([0x03, 0x00])]);
  return Buffer.concat([...prefix, localEntry(entry, data, copies * 16 * MB)]);
}

const contentTypes = Buffer.from(
  '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
    '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
);

/** Runs `fn`, returning its result with the elapsed time and the peak RSS growth (sampled). */
async function bounded<T>(fn: () => Promise<T>) {
  const before = process.memoryUsage().rss;
  let peak = before;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 5);
  const started = performance.now();
  try {
    const value = await fn();
    return {
      value,
      ms: performance.now() - started,
      grownMb: (Math.max(peak, process.memoryUsage().rss) - before) / MB,
    };
  } finally {
    clearInterval(sampler);
  }
}

let typesBomb: Buffer;
let documentBomb: Buffer;
beforeAll(() => {
  // [Content_Types].xml itself is the bomb: the entry file-type inflates.
  typesBomb = bomb('[Content_Types].xml', 20);
  // A real [Content_Types].xml, then a 20 GB word/document.xml.
  documentBomb = bomb('word/document.xml', 20, [
    localEntry('[Content_Types].xml', contentTypes, contentTypes.length, 0),
  ]);
});

describe('zip bomb vs file-type inspection', () => {
  it('the crafted files are what they claim: ~20 MB compressed, ~20 GB declared', () => {
    expect(typesBomb.length).toBeGreaterThan(19 * MB);
    expect(typesBomb.readUInt32LE(22)).toBe(0xfffffffe);
    expect(documentBomb.length).toBeGreaterThan(19 * MB);
    // A real bomb: 32 KB of its entry inflate to ~32 MB (so 20 MB would be ~20 GB).
    const start = 30 + '[Content_Types].xml'.length;
    const sample = Buffer.concat([typesBomb.subarray(start, start + 32 * 1024), Buffer.from([0x03, 0x00])]);
    expect(inflateRawSync(sample, { finishFlush: zlib.Z_SYNC_FLUSH }).length).toBeGreaterThan(16 * MB);
  });

  it('file-type on the whole 20 MB bomb (entry = [Content_Types].xml) stays bounded', async () => {
    const { ms, grownMb } = await bounded(() => fileTypeFromBuffer(typesBomb));
    expect(ms).toBeLessThan(10_000);
    expect(grownMb).toBeLessThan(256);
  });

  it('sniffHead on what an upload gives it (the first 1 MB) refuses or types it, bounded', async () => {
    for (const file of [typesBomb, documentBomb]) {
      const { value, ms, grownMb } = await bounded(() =>
        sniffHead(file.subarray(0, SNIFF_HEAD_BYTES), false, 'contrat.docx').then(
          (r) => r.mime,
          (e: Error) => e.message,
        ),
      );
      expect(value).toMatch(/wordprocessingml|Type de fichier non autorisé/);
      expect(ms).toBeLessThan(10_000);
      expect(grownMb).toBeLessThan(256);
    }
  });

  it('a full upload of the bomb never inflates it: bounded, no stray file when refused', async () => {
    const c = await createCustomer();
    const actor = actorFor(await createUser('technician'));
    const files = await listUploadFiles();
    const { value, ms, grownMb } = await bounded(() =>
      uploadDocument(getDb(), actor, c.id, {
        body: typesBomb,
        originalName: 'contrat.docx',
        category: 'contract',
      }).then(
        (row) => row.mimeType,
        (e: Error) => e.message,
      ),
    );
    expect(ms).toBeLessThan(20_000);
    expect(grownMb).toBeLessThan(256);
    if (/non autorisé/.test(value)) expect(await listUploadFiles()).toEqual(files);
  });
});
