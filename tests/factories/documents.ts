import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { count, eq } from 'drizzle-orm';
import { getDb } from '@/db';
import { customerDocuments } from '@/db/schema';
import { dataDir } from '@/lib/env';

/** Sample files, built from their real magic bytes. */
export const samples = {
  pdf: () =>
    Buffer.from(
      '%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n2 0 obj\n<< /Type /Pages /Kids [] /Count 0 >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n',
    ),
  // 1×1 transparent PNG.
  png: () =>
    Buffer.from(
      'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
      'base64',
    ),
  // ELF header (x86-64 executable) followed by padding.
  elf: () => Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01, 0x01, 0x00]), Buffer.alloc(120, 0x90)]),
  // DOS/PE header ("MZ", e_lfanew → "PE\0\0").
  pe: () => {
    const b = Buffer.alloc(256, 0);
    b.write('MZ', 0, 'ascii');
    b.writeUInt32LE(0x80, 0x3c);
    b.write('PE\0\0', 0x80, 'binary');
    b.writeUInt16LE(0x14c, 0x84);
    return b;
  },
  svg: () => Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(document.cookie)</script></svg>'),
  svgWithXmlDecl: () =>
    Buffer.from('<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>'),
  csv: () => Buffer.from('nom;ville\nDupont;Lyon\nÉlise;Montréal\n'),
  text: (s = 'root:x:0:0:root:/root:/bin/bash\n') => Buffer.from(s),
};

export async function listUploadFiles(): Promise<string[]> {
  const root = path.join(dataDir(), 'uploads');
  const out: string[] = [];
  async function walk(dir: string) {
    let entries;
    try {
      entries = await readdir(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      const full = path.join(dir, e.name);
      if (e.isDirectory()) await walk(full);
      else out.push(path.relative(root, full));
    }
  }
  await walk(root);
  return out.sort();
}

export async function documentRowCount(customerId?: string): Promise<number> {
  const q = getDb().select({ n: count() }).from(customerDocuments);
  const [{ n }] = await (customerId ? q.where(eq(customerDocuments.customerId, customerId)) : q);
  return n;
}

export function multipart(
  file: Buffer | Uint8Array | null,
  name: string,
  fields: Record<string, string> = {},
  clientType = 'application/pdf',
) {
  const form = new FormData();
  if (file) form.append('file', new Blob([file as unknown as BlobPart], { type: clientType }), name);
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  return form;
}
