import { execFileSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { listTar, parseTarHeader, readEntry, tarHeader, TarFormatError, TarWriter } from '@/lib/backup/tar';

const tmp = mkdtempSync(path.join(os.tmpdir(), 'c360-tar-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
const longName = `documents/${'a'.repeat(90)}/${'b'.repeat(60)}.bin`;

const samples: Record<string, Buffer> = {
  'manifest.json': Buffer.from('{"ok":true}'),
  'empty.txt': Buffer.alloc(0),
  'exact-block.bin': randomBytes(1024),
  'documents/3f/3f2504e0-4f89-41d3-9a0c-0305e82c3301': randomBytes(70_001),
  [longName]: Buffer.from('long name'),
};

async function writeSamples(file: string) {
  const writer = await TarWriter.create(file);
  const hashes: Record<string, string> = {};
  for (const [name, data] of Object.entries(samples)) {
    // Streamed in uneven chunks, as a file read would be.
    const chunks = [data.subarray(0, 1000), data.subarray(1000, 5000), data.subarray(5000)].filter((c) => c.length);
    hashes[name] = await writer.add(name, data.length, Readable.from(chunks));
  }
  await writer.close();
  return hashes;
}

describe('ustar writer and reader', () => {
  it('writes archives that GNU tar lists and extracts byte for byte', async () => {
    const file = path.join(tmp, 'ours.tar');
    const hashes = await writeSamples(file);
    for (const [name, data] of Object.entries(samples)) expect(hashes[name]).toBe(sha(data));
    const listed = execFileSync('tar', ['-tf', file], { encoding: 'utf8' }).trim().split('\n');
    expect(listed).toEqual(Object.keys(samples));
    for (const [name, data] of Object.entries(samples)) {
      const out = execFileSync('tar', ['-xOf', file, name]);
      expect(sha(out)).toBe(sha(data));
    }
    // Owner-only: an archive holds personal data.
    expect(execFileSync('stat', ['-c', '%a', file], { encoding: 'utf8' }).trim()).toBe('600');
  });

  it('reads back its own archives: names, sizes and contents', async () => {
    const file = path.join(tmp, 'roundtrip.tar');
    await writeSamples(file);
    const entries = await listTar(file);
    expect(entries.map((e) => [e.name, e.size])).toEqual(Object.entries(samples).map(([n, d]) => [n, d.length]));
    for (const entry of entries) expect(sha(await readEntry(file, entry))).toBe(sha(samples[entry.name]));
  });

  it('reads archives written by GNU tar (ustar and gnu formats, directories skipped)', async () => {
    const src = path.join(tmp, 'src');
    mkdirSync(path.join(src, 'dir'), { recursive: true });
    writeFileSync(path.join(src, 'dir', 'a.txt'), 'alpha');
    writeFileSync(path.join(src, 'b.bin'), randomBytes(3000));
    for (const format of ['ustar', 'gnu']) {
      const file = path.join(tmp, `gnu-${format}.tar`);
      execFileSync('tar', [`--format=${format}`, '-cf', file, '-C', src, 'dir', 'b.bin']);
      const entries = await listTar(file);
      expect(entries.map((e) => e.name)).toEqual(['dir/a.txt', 'b.bin']);
      expect((await readEntry(file, entries[0])).toString()).toBe('alpha');
      expect(sha(await readEntry(file, entries[1]))).toBe(sha(readFileSync(path.join(src, 'b.bin'))));
    }
  });

  it('encodes sizes above 8 GiB in base-256', () => {
    const size = 9 * 1024 ** 3 + 7;
    expect(parseTarHeader(tarHeader('big.dump', size, new Date())).size).toBe(size);
    expect(parseTarHeader(tarHeader('small', 8, new Date())).size).toBe(8);
  });

  it('refuses a corrupted header, a truncated archive and unsafe names', async () => {
    const file = path.join(tmp, 'bad.tar');
    await writeSamples(file);
    const bytes = readFileSync(file);
    bytes[10] ^= 0xff; // inside the first entry's name
    writeFileSync(file, bytes);
    await expect(listTar(file)).rejects.toThrow(/en-tête tar corrompu à l’octet 0/);

    const cut = path.join(tmp, 'cut.tar');
    await writeSamples(cut);
    truncateSync(cut, 3000);
    await expect(listTar(cut)).rejects.toBeInstanceOf(TarFormatError);

    expect(() => tarHeader('../etc/passwd', 1, new Date())).toThrow(TarFormatError);
    expect(() => tarHeader('/abs', 1, new Date())).toThrow(TarFormatError);
  });

  it('fails when a source yields more or fewer bytes than announced', async () => {
    const writer = await TarWriter.create(path.join(tmp, 'short.tar'));
    await expect(writer.add('x', 10, Readable.from([Buffer.alloc(4)]))).rejects.toThrow(/4 octets lus au lieu de 10/);
    await expect(writer.add('y', 2, Readable.from([Buffer.alloc(4)]))).rejects.toThrow(/plus de 2 octets/);
    await writer.abort();
  });
});
