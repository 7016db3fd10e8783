import { getDb } from '@/db';
import { withAuth } from '@/lib/auth/with-auth';
import {
  customerListCsvStream,
  customerListExportQuerySchema,
  customerListXlsxStream,
  listExportFileName,
  logListExport,
} from '@/lib/export/list';
import { parseQuery } from '@/lib/http/parse';

/** GET /api/customers/export?format=csv|xlsx&…list filters — streamed download of the customer list. */
export const GET = withAuth(
  async (req, { actor }) => {
    const query = parseQuery(req, customerListExportQuerySchema);
    const done = (rows: number) => logListExport(actor, query.format, query, rows);
    const body = query.format === 'xlsx' ? customerListXlsxStream(getDb(), query, done) : customerListCsvStream(getDb(), query, done);
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
  },
  { permission: 'customer.export' },
);
