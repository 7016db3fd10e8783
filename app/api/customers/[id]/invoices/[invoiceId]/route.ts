import { getDb } from '@/db';
import { withAuth } from '@/lib/auth/with-auth';
import { getInvoiceOrThrow } from '@/lib/finances/queries';
import { parseId } from '@/lib/http/parse';
import { json } from '@/lib/http/responses';

/** One invoice with its payments; an invoice of another customer is a 404. */
export const GET = withAuth<{ id: string; invoiceId: string }>(
  async (_req, { params }) => {
    const id = parseId(params.id, 'Client');
    const invoiceId = parseId(params.invoiceId, 'Facture');
    return json(await getInvoiceOrThrow(getDb(), id, invoiceId));
  },
  { permission: 'finance.read' },
);
