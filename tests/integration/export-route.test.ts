import { and, eq } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { GET } from '@/app/api/customers/[id]/export/route';
import { getDb } from '@/db';
import { customerActivity } from '@/db/schema';
import { bearersByRole, createCustomer, createVehicle } from '../factories';
import { call } from '../factories/http';

/** The header's Export menu: every format downloads the same customer, and each export is logged. */
describe('GET /api/customers/{id}/export', () => {
  let auth: Awaited<ReturnType<typeof bearersByRole>>;
  let id: string;
  beforeAll(async () => {
    auth = await bearersByRole();
    const c = await createCustomer({ lastName: 'Exportable', firstName: 'Élodie' });
    await createVehicle(c.id, { plate: 'EX-123-PO' });
    id = c.id;
  });

  async function download(format: string) {
    const req = new Request(`http://localhost/api/customers/${id}/export?format=${format}`, {
      headers: { authorization: auth.manager },
    });
    const res = await GET(req, { params: Promise.resolve({ id }) });
    return { res, bytes: Buffer.from(await res.arrayBuffer()) };
  }

  it.each([
    [
      'json',
      'application/json',
      (b: Buffer) => expect(JSON.parse(b.toString('utf8')).customer.lastName).toBe('Exportable'),
    ],
    [
      'csv',
      'text/csv',
      (b: Buffer) => {
        expect(b.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
        expect(b.toString('utf8')).toContain('Exportable');
        expect(b.toString('utf8')).toContain('EX-123-PO');
      },
    ],
    ['pdf', 'application/pdf', (b: Buffer) => expect(b.subarray(0, 5).toString('latin1')).toBe('%PDF-')],
  ])('%s is an attachment of type %s', async (format, type, check) => {
    const { res, bytes } = await download(format);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain(type);
    expect(res.headers.get('content-disposition')).toMatch(new RegExp(`^attachment; filename=".+\\.${format}"$`));
    check(bytes);
  });

  it('xlsx opens as a workbook with the customer', async () => {
    const { res, bytes } = await download('xlsx');
    expect(res.status).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(bytes as never);
    expect(wb.worksheets.length).toBeGreaterThan(1);
    const text = wb.worksheets.map((ws) => ws.getSheetValues().flat().join(' ')).join(' ');
    expect(text).toContain('Exportable');
  });

  it('logs one export activity per download and refuses unknown formats and technicians', async () => {
    const before = await getDb()
      .select()
      .from(customerActivity)
      .where(and(eq(customerActivity.customerId, id), eq(customerActivity.type, 'export')));
    await download('csv');
    const after = await getDb()
      .select()
      .from(customerActivity)
      .where(and(eq(customerActivity.customerId, id), eq(customerActivity.type, 'export')));
    expect(after.length).toBe(before.length + 1);
    expect((await call(GET, { params: { id }, query: { format: 'docx' }, auth: auth.manager })).status).toBe(422);
    expect((await call(GET, { params: { id }, query: { format: 'csv' }, auth: auth.technician })).status).toBe(403);
  });
});
