import { withAuth } from '@/lib/auth/with-auth';
import { AppError } from '@/lib/errors';
import { geocodeAddress, parseAddressText } from '@/lib/geo/geocode';
import { json } from '@/lib/http/responses';
import { geocodeRoute } from '@/lib/openapi/routes/geo';

/** `?address=12 rue X 69002 Lyon` → `{ latitude, longitude, precision, source, label }`; 404 when unknown. */
export const GET = withAuth(geocodeRoute, async ({ query }) => {
  const result = await geocodeAddress(parseAddressText(query.address));
  if (!result) throw AppError.notFound('Adresse introuvable (indiquez un code postal ou une commune française).');
  return json(result);
});
