import { getDb, type Db } from '@/db';
import type { Actor } from '@/lib/auth/actor';
import { withAuth } from '@/lib/auth/with-auth';
import { buildExportBundle, type ExportBundle, exportFileName, recordExportActivity } from '@/lib/export/bundle';
import { renderCustomerCsv } from '@/lib/export/csv';
import { acquireExportSlot } from '@/lib/export/slots';
import { renderCustomerPdf } from '@/lib/export/pdf';
import { renderCustomerXlsx } from '@/lib/export/xlsx';
import { type ExportFormat, exportCustomerRoute } from '@/lib/openapi/routes/exports';

/** One customer's data as a download. Each format is one exporter; each export is an activity. */
type Exporter = (db: Db, actor: Actor, customerId: string) => Promise<Response>;

const CONTENT_TYPES: Record<ExportFormat, string> = {
  json: 'application/json; charset=utf-8',
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  pdf: 'application/pdf',
};

/** Every format is the same bundle rendered differently, so they all carry the same data. */
function exporter(
  format: ExportFormat,
  render: (bundle: ExportBundle) => Buffer | string | Promise<Buffer | string>,
): Exporter {
  return async (db, actor, customerId) => {
    // Counted with the list exports (429 when none is free); the file is built before it is sent.
    const slot = acquireExportSlot(actor);
    let bundle: ExportBundle;
    let body: Buffer | string;
    try {
      bundle = await buildExportBundle(db, actor, customerId);
      body = await render(bundle);
    } finally {
      slot.release();
    }
    await recordExportActivity(db, actor, customerId, format, bundle.counts);
    return new Response(typeof body === 'string' ? body : new Uint8Array(body), {
      status: 200,
      headers: {
        'content-type': CONTENT_TYPES[format],
        'content-disposition': `attachment; filename="${exportFileName(bundle.customer.number, format)}"`,
        'cache-control': 'no-store',
        'x-content-type-options': 'nosniff',
      },
    });
  };
}

const EXPORTERS: Record<ExportFormat, Exporter> = {
  json: exporter('json', (bundle) => JSON.stringify(bundle, null, 2)),
  csv: exporter('csv', renderCustomerCsv),
  xlsx: exporter('xlsx', renderCustomerXlsx),
  pdf: exporter('pdf', renderCustomerPdf),
};

export const GET = withAuth(exportCustomerRoute, async ({ actor, params, query }) =>
  EXPORTERS[query.format as ExportFormat](getDb(), actor, params.id),
);
