import { getDb } from '@/db';
import { withAuth } from '@/lib/auth/with-auth';
import { customerListExtraWhere } from '@/lib/customers/list-filters';
import { customerListCsvStream, customerListXlsxStream, listExportFileName, logListExport } from '@/lib/export/list';
import { acquireExportSlot, guardExportStream } from '@/lib/export/slots';
import { exportCustomerListRoute } from '@/lib/openapi/routes/exports';

/** GET /api/customers/export?format=csv|xlsx&…list filters (segment and compliance included) — streamed download of the customer list. */
export const GET = withAuth(exportCustomerListRoute, async ({ actor, query }) => {
  const db = getDb();
  // Resolved before the 200 goes out, so an unknown segment is still a 422.
  const opts = {
    extraWhere: await customerListExtraWhere(db, actor, query),
    onDone: (rows: number) => logListExport(actor, query.format, query, rows),
  };
  // Held until the file is complete, failed, cancelled or left unread (429 when none is free).
  const slot = acquireExportSlot(actor);
  const body = guardExportStream(
    query.format === 'xlsx' ? customerListXlsxStream(db, query, opts) : customerListCsvStream(db, query, opts),
    slot,
  );
  return new Response(body, {
    status: 200,
    headers: {
      'content-type':
        query.format === 'xlsx'
          ? 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
          : 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="${listExportFileName(query.format)}"`,
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
    },
  });
});
