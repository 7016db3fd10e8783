import { searchQuerySchema } from '@/lib/search/schema';
import { defineRoute } from '../registry';

export const globalSearchRoute = defineRoute({
  method: 'get',
  path: '/api/search',
  tag: 'search',
  permission: 'customer.read',
  summary:
    'Global search (top bar): customers (name, number, SIRET, e-mail, phone fragment, city), contacts, vehicles (plate with or without dashes, VIN) and, with `finance.read` only, invoices by number; `limit` results per group (default 5). Erased customers are never found.',
  query: searchQuerySchema,
  responses: [
    {
      status: 200,
      description:
        '`{ q, groups: [{ key: customers|contacts|vehicles|invoices, label, items: [{id, customerId, label, secondary, href}] }] }` (empty groups left out)',
    },
  ],
});
