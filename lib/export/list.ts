import { PassThrough, Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { z } from 'zod';
import type { DbOrTx } from '@/db';
import type { Actor } from '@/lib/auth/actor';
import { listCustomers, type CustomerListRow } from '@/lib/customers/queries';
import { customerListQuerySchema, KIND_LABELS, STATUS_LABELS } from '@/lib/customers/schema';
import type { CellType, CellValue } from './cells';
import { CSV_BOM, csvLine } from './csv';
import { styleColumn, xlsxValue } from './xlsx';

/**
 * The customer list as a download, with the list's own filters (same schema, same query code),
 * streamed: rows are read in keyset batches of 1000 through `listCustomers` (index-backed on both
 * drivers) and written out as they arrive, so memory stays flat whatever the number of rows.
 */
export const LIST_EXPORT_BATCH = 1000;

export const customerListExportQuerySchema = customerListQuerySchema.omit({ limit: true, cursor: true }).extend({
  format: z.enum(['csv', 'xlsx'], { message: 'Format inconnu : choisissez csv ou xlsx.' }).default('csv'),
});
export type CustomerListExportQuery = z.output<typeof customerListExportQuerySchema>;

const LIST_COLUMNS: { header: string; type: CellType; width: number; get: (r: CustomerListRow) => CellValue }[] = [
  { header: 'Numéro', type: 'text', width: 11, get: (r) => r.number },
  { header: 'Type', type: 'text', width: 13, get: (r) => KIND_LABELS[r.kind] },
  { header: 'Nom affiché', type: 'text', width: 30, get: (r) => r.displayName },
  { header: 'Prénom', type: 'text', width: 15, get: (r) => r.firstName },
  { header: 'Nom', type: 'text', width: 18, get: (r) => r.lastName },
  { header: 'Raison sociale', type: 'text', width: 26, get: (r) => r.companyName },
  { header: 'SIRET', type: 'text', width: 16, get: (r) => r.siret },
  { header: 'E-mail', type: 'text', width: 30, get: (r) => r.email },
  { header: 'Téléphone', type: 'text', width: 15, get: (r) => r.phone },
  { header: 'Mobile', type: 'text', width: 15, get: (r) => r.mobile },
  { header: 'Adresse', type: 'text', width: 30, get: (r) => [r.addressLine1, r.addressLine2].filter(Boolean).join(', ') },
  { header: 'Code postal', type: 'text', width: 10, get: (r) => r.postalCode },
  { header: 'Ville', type: 'text', width: 18, get: (r) => r.city },
  { header: 'Statut', type: 'text', width: 9, get: (r) => STATUS_LABELS[r.status] },
  { header: 'Étiquettes', type: 'text', width: 20, get: (r) => r.tags.map((t) => t.name).join(', ') },
  { header: 'Véhicules', type: 'int', width: 10, get: (r) => r.vehicleCount },
  { header: 'Créé le', type: 'date', width: 16, get: (r) => r.createdAt },
];

export async function* customerListBatches(db: DbOrTx, query: CustomerListExportQuery): AsyncGenerator<CustomerListRow[]> {
  const { format: _format, ...filters } = query;
  let cursor: string | undefined;
  do {
    const page = await listCustomers(db, { ...filters, limit: LIST_EXPORT_BATCH, cursor });
    if (page.data.length) yield page.data;
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
}

export function listExportFileName(format: 'csv' | 'xlsx', now = new Date()): string {
  return `clients-${now.toISOString().slice(0, 10)}.${format}`;
}

type Done = (rows: number) => void;

/** CSV: BOM, header, then one line per customer; one batch is read per pull (backpressure). */
export function customerListCsvStream(db: DbOrTx, query: CustomerListExportQuery, onDone?: Done): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const batches = customerListBatches(db, query);
  let rows = 0;
  return new ReadableStream<Uint8Array>({
    start(controller) {
      // The first bytes leave at once, before the first query returns.
      controller.enqueue(encoder.encode(CSV_BOM + csvLine(LIST_COLUMNS.map((c) => ({ value: c.header, type: 'text' as const })))));
    },
    async pull(controller) {
      try {
        const next = await batches.next();
        if (next.done) {
          onDone?.(rows);
          controller.close();
          return;
        }
        let text = '';
        for (const r of next.value) text += csvLine(LIST_COLUMNS.map((c) => ({ value: c.get(r), type: c.type })));
        rows += next.value.length;
        controller.enqueue(encoder.encode(text));
      } catch (error) {
        controller.error(error);
      }
    },
    async cancel() {
      await batches.return(undefined);
    },
  });
}

/** XLSX with exceljs's streaming WorkbookWriter: each row is committed (written) as soon as it is added. */
export function customerListXlsxStream(db: DbOrTx, query: CustomerListExportQuery, onDone?: Done): ReadableStream<Uint8Array> {
  const pass = new PassThrough({ highWaterMark: 1 << 20 });
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: pass, useStyles: true, useSharedStrings: false });
  const ws = wb.addWorksheet('Clients', { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = LIST_COLUMNS.map((c) => ({ header: c.header, width: c.width }));
  LIST_COLUMNS.forEach((c, i) => styleColumn(ws.getColumn(i + 1), c.type));
  ws.getRow(1).font = { bold: true };
  ws.getRow(1).commit();
  void (async () => {
    let rows = 0;
    try {
      for await (const batch of customerListBatches(db, query)) {
        for (const r of batch) ws.addRow(LIST_COLUMNS.map((c) => xlsxValue(c.get(r), c.type))).commit();
        rows += batch.length;
        // Backpressure: wait for the client to take what is buffered before reading more rows.
        if (pass.writableLength > pass.writableHighWaterMark) await new Promise((resolve) => pass.once('drain', resolve));
        if (pass.destroyed) return;
      }
      ws.commit();
      await wb.commit();
      onDone?.(rows);
    } catch (error) {
      pass.destroy(error as Error);
    }
  })();
  return Readable.toWeb(pass) as unknown as ReadableStream<Uint8Array>;
}

/** Not tied to one customer, so not a timeline activity: a structured server log line instead. */
export function logListExport(actor: Actor, format: string, query: CustomerListExportQuery, rows: number): void {
  const { format: _f, ...filters } = query;
  console.info(
    JSON.stringify({ event: 'customer-list-export', at: new Date().toISOString(), actor: { kind: actor.kind, id: actor.id, name: actor.name }, format, filters, rows }),
  );
}
