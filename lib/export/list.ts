import { PassThrough } from 'node:stream';
import type { SQL } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { z } from 'zod';
import type { DbOrTx } from '@/db';
import type { Actor } from '@/lib/auth/actor';
import { customerIdsQuerySchema } from '@/lib/customers/bulk-schema';
import { customerListQuerySchema, KIND_LABELS, STATUS_LABELS } from '@/lib/customers/schema';
import type { CellType, CellValue } from './cells';
import { CSV_BOM, csvLine } from './csv';
import { listExportRows, type ListExportRow } from './list-rows';
import { streamToWeb, waitForXlsxRoom } from './xlsx-backpressure';
import { styleColumn, xlsxValue } from './xlsx';

/**
 * The customer list as a download, with the list's own filters (same schema, same conditions),
 * streamed: rows come one at a time from list-rows.ts (a PostgreSQL cursor, or keyset batches on
 * PGlite) and are written out as the client takes them, so memory stays flat whatever the number
 * of rows. Both formats stop reading the database while the client is not reading (backpressure).
 */
export { LIST_EXPORT_BATCH } from './list-rows';

/** Bytes queued for the client before the producer waits (per download). */
const QUEUE_BYTES = 64 * 1024;
/** CSV characters per chunk sent (about as many bytes: the text is mostly ASCII). */
const CHUNK_CHARS = 16 * 1024;

export const customerListExportQuerySchema = customerListQuerySchema.omit({ limit: true, cursor: true }).extend({
  format: z.enum(['csv', 'xlsx'], { message: 'Format inconnu : choisissez csv ou xlsx.' }).default('csv'),
  // Left out: the list's default (archived customers hidden), or all of them with `ids` (see filtersOf).
  archived: customerListQuerySchema.shape.archived.unwrap().optional(),
  /** The list's selection: exactly these customers (the other filters still apply when given). */
  ids: customerIdsQuerySchema.optional(),
});
export type CustomerListExportQuery = z.output<typeof customerListExportQuerySchema>;

const LIST_COLUMNS: { header: string; type: CellType; width: number; get: (r: ListExportRow) => CellValue }[] = [
  { header: 'Numéro', type: 'text', width: 11, get: (r) => r.number },
  { header: 'Type', type: 'text', width: 13, get: (r) => KIND_LABELS[r.kind] },
  { header: 'Nom affiché', type: 'text', width: 30, get: displayName },
  { header: 'Prénom', type: 'text', width: 15, get: (r) => r.firstName },
  { header: 'Nom', type: 'text', width: 18, get: (r) => r.lastName },
  { header: 'Raison sociale', type: 'text', width: 26, get: (r) => r.companyName },
  { header: 'SIRET', type: 'text', width: 16, get: (r) => r.siret },
  { header: 'E-mail', type: 'text', width: 30, get: (r) => r.email },
  { header: 'Téléphone', type: 'text', width: 15, get: (r) => r.phone },
  { header: 'Mobile', type: 'text', width: 15, get: (r) => r.mobile },
  {
    header: 'Adresse',
    type: 'text',
    width: 30,
    get: (r) => [r.addressLine1, r.addressLine2].filter(Boolean).join(', '),
  },
  { header: 'Code postal', type: 'text', width: 10, get: (r) => r.postalCode },
  { header: 'Ville', type: 'text', width: 18, get: (r) => r.city },
  { header: 'Statut', type: 'text', width: 9, get: (r) => STATUS_LABELS[r.status] },
  { header: 'Étiquettes', type: 'text', width: 20, get: (r) => r.tags },
  { header: 'Véhicules', type: 'int', width: 10, get: (r) => r.vehicleCount },
  { header: 'Créé le', type: 'date', width: 16, get: (r) => new Date(r.createdAt) },
];

/** Same rule as customerDisplayName (lib/customers/schema.ts), on the export row. */
function displayName(r: ListExportRow): string {
  if (r.kind === 'company' && r.companyName) return r.companyName;
  return [r.firstName, r.lastName].filter(Boolean).join(' ') || r.companyName || '—';
}

export function listExportFileName(format: 'csv' | 'xlsx', now = new Date()): string {
  return `clients-${now.toISOString().slice(0, 10)}.${format}`;
}

export interface ListExportOptions {
  /** Conditions of other modules (segment, compliance): customerListExtraWhere, as the list uses. */
  extraWhere?: SQL[];
  /** Called once with the number of rows when the whole file has been produced. */
  onDone?: (rows: number) => void;
}

/**
 * The list filters of an export. A selection names its customers: an archived one the user ticked (under
 * « Archivés : inclure ») stays in its file, so `archived` defaults to `include` with `ids` and to the
 * list's `exclude` without. The ids themselves are a condition of customerListExtraWhere.
 */
const filtersOf = ({ format: _format, ids, archived, ...filters }: CustomerListExportQuery) => ({
  ...filters,
  archived: archived ?? (ids ? 'include' : 'exclude'),
});

/** CSV: BOM and header at once, then the customers in ~16 KB chunks, produced while the client keeps up. */
export function customerListCsvStream(
  db: DbOrTx,
  query: CustomerListExportQuery,
  opts: ListExportOptions = {},
): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const rows = listExportRows(db, filtersOf(query), opts.extraWhere);
  let count = 0;
  return new ReadableStream<Uint8Array>(
    {
      start(controller) {
        // The first bytes leave before the first query returns.
        controller.enqueue(
          encoder.encode(CSV_BOM + csvLine(LIST_COLUMNS.map((c) => ({ value: c.header, type: 'text' as const })))),
        );
      },
      async pull(controller) {
        try {
          // Called again by the stream whenever its queue falls below QUEUE_BYTES. Rows are
          // converted one by one but sent ~16 KB at a time: behind Next's compression every
          // chunk is a gzip flush, and one chunk per row tripled the time of a 100k download.
          while ((controller.desiredSize ?? 0) > 0) {
            let text = '';
            let done = false;
            while (text.length < CHUNK_CHARS) {
              const next = await rows.next();
              if (next.done) {
                done = true;
                break;
              }
              text += csvLine(LIST_COLUMNS.map((c) => ({ value: c.get(next.value), type: c.type })));
              count++;
            }
            if (text) controller.enqueue(encoder.encode(text));
            if (done) {
              opts.onDone?.(count);
              controller.close();
              return;
            }
          }
        } catch (error) {
          controller.error(error);
        }
      },
      async cancel() {
        await rows.return(undefined);
      },
    },
    new ByteLengthQueuingStrategy({ highWaterMark: QUEUE_BYTES }),
  );
}

/**
 * XLSX with exceljs's streaming WorkbookWriter: no shared strings, styles only per column (the date
 * format), each row committed (turned into XML and released) as soon as it is added.
 */
export function customerListXlsxStream(
  db: DbOrTx,
  query: CustomerListExportQuery,
  opts: ListExportOptions = {},
): ReadableStream<Uint8Array> {
  const pass = new PassThrough({ highWaterMark: QUEUE_BYTES });
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: pass, useStyles: true, useSharedStrings: false });
  const ws = wb.addWorksheet('Clients', { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = LIST_COLUMNS.map((c) => ({ header: c.header, width: c.width }));
  LIST_COLUMNS.forEach((c, i) => styleColumn(ws.getColumn(i + 1), c.type));
  ws.getRow(1).font = { bold: true };
  ws.getRow(1).commit();
  const rows = listExportRows(db, filtersOf(query), opts.extraWhere);
  void (async () => {
    let count = 0;
    try {
      for await (const r of rows) {
        ws.addRow(LIST_COLUMNS.map((c) => xlsxValue(c.get(r), c.type))).commit();
        count++;
        // Leaving the loop (client gone) closes the database cursor.
        if (!(await waitForXlsxRoom(wb, ws, pass, QUEUE_BYTES))) return;
      }
      ws.commit();
      await wb.commit();
      opts.onDone?.(count);
    } catch (error) {
      pass.destroy(error as Error);
    }
  })();
  return streamToWeb(pass, QUEUE_BYTES);
}

/** Not tied to one customer, so not a timeline activity: a structured server log line instead. */
export function logListExport(actor: Actor, format: string, query: CustomerListExportQuery, rows: number): void {
  const { format: _f, ids, ...filters } = query;
  console.info(
    JSON.stringify({
      event: 'customer-list-export',
      at: new Date().toISOString(),
      actor: { kind: actor.kind, id: actor.id, name: actor.name },
      format,
      // A selection is logged by its size (up to 200 ids would drown the line).
      filters: ids ? { ...filters, ids: ids.length } : filters,
      rows,
    }),
  );
}
