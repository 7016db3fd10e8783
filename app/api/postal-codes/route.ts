import { withAuth } from '@/lib/auth/with-auth';
import { searchPostalCodes } from '@/lib/geo/postal-codes';
import { json } from '@/lib/http/responses';
import { postalCodesRoute } from '@/lib/openapi/routes/geo';

/** `?q=` (postal code or commune prefix, ≥ 2 characters) → `{ data: [{postalCode, city, inseeCode, latitude, longitude}] }`. */
export const GET = withAuth(postalCodesRoute, async ({ query }) =>
  json({ data: searchPostalCodes(query.q, query.limit) }, { headers: { 'cache-control': 'private, max-age=3600' } }),
);
