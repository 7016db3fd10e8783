import { getDb } from '@/db';
import { withAuth } from '@/lib/auth/with-auth';
import { findNearbyCustomers } from '@/lib/geo/nearby';
import { json } from '@/lib/http/responses';
import { nearbyCustomersRoute } from '@/lib/openapi/routes/geo';

/** `?lat=&lon=&radiusKm=(0.1–200, default 10)&limit=(≤ 100)` → `{ data: [{…customer, distanceKm}] }`, nearest first. */
export const GET = withAuth(nearbyCustomersRoute, async ({ query }) =>
  json({ data: await findNearbyCustomers(getDb(), query) }),
);
