import { isNull } from 'drizzle-orm';
import type { DbOrTx } from '@/db';
import { customerDocuments } from '@/db/schema';
import type { Storage } from './index';

export interface StorageCheckReport {
  backend: Storage['name'];
  files: number;
  rows: number;
  /** Stored files no live document row points to. */
  orphanFiles: string[];
  /** Live document rows whose file is missing. */
  orphanRows: { id: string; customerId: string; storageKey: string; originalName: string }[];
  /** Leftover temp files of interrupted writes (local disk only). */
  temporaryFiles: string[];
}

/** Compares storage and the customer_documents table; nothing is changed. */
export async function checkStorage(db: DbOrTx, storage: Storage): Promise<StorageCheckReport> {
  const rows = await db
    .select({
      id: customerDocuments.id,
      customerId: customerDocuments.customerId,
      storageKey: customerDocuments.storageKey,
      originalName: customerDocuments.originalName,
    })
    .from(customerDocuments)
    .where(isNull(customerDocuments.deletedAt));
  const live = new Set(rows.map((r) => r.storageKey));
  const stored = new Set<string>();
  for await (const key of storage.list()) stored.add(key);
  const withTemp = storage as Storage & { listTemporary?: () => Promise<string[]> };
  return {
    backend: storage.name,
    files: stored.size,
    rows: rows.length,
    orphanFiles: [...stored].filter((k) => !live.has(k)).sort(),
    orphanRows: rows.filter((r) => !stored.has(r.storageKey)),
    temporaryFiles: withTemp.listTemporary ? await withTemp.listTemporary() : [],
  };
}
