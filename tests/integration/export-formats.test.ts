import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { GET as listExport } from '@/app/api/customers/export/route';
import { getDb } from '@/db';
import { consentEvents, customerNotes } from '@/db/schema';
import { buildExportBundle, type ExportBundle } from '@/lib/export/bundle';
import { renderCustomerCsv } from '@/lib/export/csv';
import { neutralizeFormula } from '@/lib/export/cells';
import { renderCustomerPdf } from '@/lib/export/pdf';
import { renderCustomerXlsx } from '@/lib/export/xlsx';
import { actorFor, createBearer, createContact, createCustomer, createUser, createVehicle } from '../factories';
import { insertPartlyPaidInvoice } from '../factories/finances';
import { call } from '../factories/http';

let bundle: ExportBundle;

beforeAll(async () => {
  const db = getDb();
  const manager = await createUser('manager');
  const c = await createCustomer({ firstName: 'Zacharie', lastName: 'Martinez', email: 'z.martinez@exemple.fr' });
  await createContact(c.id, { name: '=HYPERLINK("http://evil")', role: '+cmd', email: '@x.fr' });
  await createVehicle(c.id, { plate: 'AB-123-CD', make: 'Renault', model: 'Clio', year: 2019 });
  await db.insert(customerNotes).values({ customerId: c.id, body: '-2+3 appelle', authorName: 'Test' });
  await insertPartlyPaidInvoice(c.id, {
    invoice: {
      number: 'F-2024-0001',
      issuedAt: new Date('2024-03-01T10:00:00Z'),
      dueAt: new Date('2024-03-31T10:00:00Z'),
    },
    payment: { paidAt: new Date('2024-03-10T09:00:00Z') },
  });
  await db.insert(consentEvents).values({
    customerId: c.id,
    purpose: 'marketing',
    channel: 'email',
    granted: true,
    source: 'paper-form',
    proofText: 'Formulaire signé',
    actorKind: 'system',
    actorName: 'test',
  });
  bundle = await buildExportBundle(db, actorFor(manager), c.id);
});

describe('customer export formats', () => {
  it('CSV: UTF-8 BOM, `;` separator, one section per entity, formulas neutralized', () => {
    const buf = renderCustomerCsv(bundle);
    expect([...buf.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = buf.toString('utf8');
    for (const title of [
      '[Client]',
      '[Contacts]',
      '[Véhicules]',
      '[Notes]',
      '[Factures]',
      '[Paiements]',
      '[Consentements]',
      '[Activités]',
    ])
      expect(text).toContain(`${title}\r\n`);
    expect(text).toContain('Nom;Fonction;E-mail;Téléphone;Principal;Créé le');
    expect(text).toContain(`"'=HYPERLINK(""http://evil"")";'+cmd;'@x.fr`);
    expect(text).toContain("'-2+3 appelle");
    // Paid, credit notes, refunded, still due, owed back, status, cancelled on, reason.
    expect(text).toContain(
      'F-2024-0001;01/03/2024 11:00;31/03/2024 12:00;100,00;20,00;120,00;50,00;0,00;0,00;70,00;0,00;partial;;\r\n',
    );
    expect(text).not.toMatch(/(^|;)=HYPERLINK/m);
  });

  it('neutralizes every dangerous first character', () => {
    for (const v of ['=1+1', '+1', '-1', '@SUM(A1)', '\tx', '\rx']) expect(neutralizeFormula(v)).toBe(`'${v}`);
    expect(neutralizeFormula('Martin')).toBe('Martin');
  });

  it('XLSX: one sheet per entity with typed date and number cells', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await renderCustomerXlsx(bundle)) as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual([
      'Client',
      'Contacts',
      'Véhicules',
      'Notes',
      'Étiquettes',
      'Activités',
      'Interventions',
      'Factures',
      'Paiements',
      'Avoirs',
      'Remboursements',
      'Consentements',
      'E-mails',
      'Documents',
    ]);
    const inv = wb.getWorksheet('Factures')!;
    expect(inv.getRow(1).getCell(1).value).toBe('Numéro');
    const row = inv.getRow(2);
    expect(row.getCell(1).value).toBe('F-2024-0001');
    expect(row.getCell(2).value).toBeInstanceOf(Date);
    expect((row.getCell(2).value as Date).toISOString()).toBe('2024-03-01T11:00:00.000Z'); // Paris wall clock
    expect(row.getCell(6).value).toBe(120);
    expect(row.getCell(6).numFmt).toContain('€');
    expect(wb.getWorksheet('Paiements')!.getRow(2).getCell(2).value).toBe(50);
    expect(wb.getWorksheet('Contacts')!.getRow(2).getCell(1).value).toBe(`'=HYPERLINK("http://evil")`);
    expect(wb.getWorksheet('Véhicules')!.getRow(2).getCell(5).value).toBe(2019);
  });

  it('PDF: a real PDF whose text holds the customer name, vehicle and balance', async () => {
    const pdf = await renderCustomerPdf(bundle, { compress: false });
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    // pdfkit writes each line as a TJ array of hex WinAnsi strings split by kerning offsets.
    const text = [...pdf.toString('latin1').matchAll(/\[([^\]]*)\] TJ/g)]
      .map((m) => [...m[1].matchAll(/<([0-9a-f]*)>/g)].map((h) => Buffer.from(h[1], 'hex').toString('latin1')).join(''))
      .join('\n');
    expect(text).toContain('Zacharie Martinez');
    expect(text).toContain('AB-123-CD');
    expect(text).toContain('Reste dû');
    expect(text).toContain('70,00 \x80'); // € is 0x80 in WinAnsi
    expect(text).toContain('Prospection commerciale par e-mail : accordé');
    expect((await renderCustomerPdf(bundle)).subarray(0, 5).toString('latin1')).toBe('%PDF-');
  });
});

describe('GET /api/customers/export (list)', () => {
  it('streams the filtered list as CSV with Content-Disposition', async () => {
    await createCustomer({ lastName: 'Inactif', firstName: 'Ivan', status: 'inactive', sortName: 'inactif ivan' });
    await createCustomer({ lastName: '=cmd', firstName: 'Eve', status: 'inactive', sortName: 'cmd eve' });
    const auth = (await createBearer('manager')).authorization;
    const res = await call(listExport, { auth, query: { format: 'csv', status: 'inactive' } });
    expect(res.status).toBe(200);
    // Response.text() drops a BOM: check the bytes themselves.
    const raw = await listExport(
      new Request('http://localhost/api/customers/export?status=inactive', { headers: { authorization: auth } }),
      { params: Promise.resolve({}) },
    );
    expect([...new Uint8Array(await raw.arrayBuffer()).subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="clients-\d{4}-\d{2}-\d{2}\.csv"$/);
    expect(res.headers.get('content-type')).toContain('text/csv');
    const lines = res.text
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines[0]).toMatch(/^Numéro;Type;Nom affiché;/);
    expect(lines).toHaveLength(3);
    expect(res.text).toContain('Ivan Inactif');
    expect(res.text).toContain(";'=cmd;");
    expect(res.text).not.toContain('Martinez');
  });

  it('streams XLSX that exceljs opens, and enforces customer.export', async () => {
    const auth = (await createBearer('admin')).authorization;
    const url = new URL('http://localhost/api/customers/export?format=xlsx');
    const res = await listExport(new Request(url, { headers: { authorization: auth } }), {
      params: Promise.resolve({}),
    });
    expect(res.status).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(await res.arrayBuffer()) as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('Clients')!;
    expect(ws.rowCount).toBeGreaterThanOrEqual(4);
    expect(ws.getRow(2).getCell(17).value).toBeInstanceOf(Date);
    const tech = (await createBearer('technician')).authorization;
    expect((await call(listExport, { auth: tech, query: { format: 'csv' } })).status).toBe(403);
    expect((await call(listExport, { auth, query: { format: 'pdf' } })).status).toBe(422);
  });
});
