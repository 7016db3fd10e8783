import { withAuth } from '@/lib/auth/with-auth';
import { postalCodeQuerySchema } from '@/lib/geo/api-schemas';
import { searchPostalCodes } from '@/lib/geo/postal-codes';
import { parseQuery } from '@/lib/http/parse';
import { json } from '@/lib/http/responses';

/** `?q=` (postal code or commune prefix, ≥ 2 characters) → `{ data: [{postalCode, city, inseeCode, latitude, longitude}] }`. */
export const GET = withAuth(
  async (req) => {
    const { q, limit } = parseQuery(req, postalCodeQuerySchema);
    return json({ data: searchPostalCodes(q, limit) }, { headers: { 'cache-control': 'private, max-age=3600' } });
  },
  { permission: null },
);
