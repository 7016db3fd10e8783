import { withAuth } from '@/lib/auth/with-auth';
import { geocodeQuerySchema } from '@/lib/geo/api-schemas';
import { geocodeAddress, parseAddressText } from '@/lib/geo/geocode';
import { AppError } from '@/lib/errors';
import { parseQuery } from '@/lib/http/parse';
import { json } from '@/lib/http/responses';

/** `?address=12 rue X 69002 Lyon` → `{ latitude, longitude, precision, source, label }`; 404 when unknown. */
export const GET = withAuth(
  async (req) => {
    const { address } = parseQuery(req, geocodeQuerySchema);
    const result = await geocodeAddress(parseAddressText(address));
    if (!result) throw AppError.notFound('Adresse introuvable (indiquez un code postal ou une commune française).');
    return json(result);
  },
  { permission: null },
);
