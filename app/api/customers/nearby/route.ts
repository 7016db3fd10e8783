import { getDb } from '@/db';
import { withAuth } from '@/lib/auth/with-auth';
import { findNearbyCustomers, nearbyQuerySchema } from '@/lib/geo/nearby';
import { parseQuery } from '@/lib/http/parse';
import { json } from '@/lib/http/responses';

/** `?lat=&lon=&radiusKm=(0.1–200, default 10)&limit=(≤ 100)` → `{ data: [{…customer, distanceKm}] }`, nearest first. */
export const GET = withAuth(
  async (req) => json({ data: await findNearbyCustomers(getDb(), parseQuery(req, nearbyQuerySchema)) }),
  { permission: 'customer.read' },
);
