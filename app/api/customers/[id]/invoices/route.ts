import { getDb } from '@/db';
import { withAuth } from '@/lib/auth/with-auth';
import { createInvoice } from '@/lib/finances/mutations';
import { assertCustomer, listInvoices } from '@/lib/finances/queries';
import { invoiceCreateSchema, invoiceListQuerySchema } from '@/lib/finances/schema';
import { parseId, parseJson, parseQuery } from '@/lib/http/parse';
import { json } from '@/lib/http/responses';

export const GET = withAuth<{ id: string }>(
  async (req, { params }) => {
    const id = parseId(params.id, 'Client');
    const query = parseQuery(req, invoiceListQuerySchema);
    const db = getDb();
    await assertCustomer(db, id);
    return json(await listInvoices(db, id, query));
  },
  { permission: 'finance.read' },
);

export const POST = withAuth<{ id: string }>(
  async (req, { actor, params }) => {
    const id = parseId(params.id, 'Client');
    const input = await parseJson(req, invoiceCreateSchema);
    return json(await createInvoice(getDb(), actor, id, input), { status: 201 });
  },
  { permission: 'finance.write' },
);
