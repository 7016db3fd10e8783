import { getDb } from '@/db';
import { withAuth } from '@/lib/auth/with-auth';
import { json } from '@/lib/http/responses';
import { globalSearchRoute } from '@/lib/openapi/routes/search';
import { globalSearch } from '@/lib/search/queries';

/** `?q=` (1–100 characters) → grouped results for the top-bar search; invoices only with `finance.read`. */
export const GET = withAuth(globalSearchRoute, async ({ actor, query }) =>
  json(await globalSearch(getDb(), { q: query.q, viewer: actor, limit: query.limit })),
);
