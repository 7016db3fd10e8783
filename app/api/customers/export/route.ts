import { getDb } from '@/db';
import { withAuth } from '@/lib/auth/with-auth';
import { customerListExtraWhere } from '@/lib/customers/list-filters';
import { customerListCsvStream, customerListXlsxStream, listExportFileName, logListExport } from '@/lib/export/list';
import { exportCustomerListRoute } from '@/lib/openapi/routes/exports';

/** GET /api/customers/export?format=csv|xlsx&…list filters (segment and compliance included) — streamed download of the customer list. */
export const GET = withAuth(exportCustomerListRoute, async ({ actor, query }) => {
  const db = getDb();
  // Resolved before the 200 goes out, so an unknown segment is still a 422.
  const opts = {
    extraWhere: await customerListExtraWhere(db, actor, query),
    onDone: (rows: number) => logListExport(actor, query.format, query, rows),
  };
  const body =
    query.format === 'xlsx' ? customerListXlsxStream(db, query, opts) : customerListCsvStream(db, query, opts);
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
