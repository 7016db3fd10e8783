import 'server-only';
/**
 * Customers around a point. The bounding box (latitude BETWEEN … AND longitude BETWEEN …) is what
 * the btree index customers_geo_idx (latitude, longitude) serves; the exact haversine distance is
 * then computed in SQL only for the rows inside the box, filtered by the radius and sorted.
 */
import { and, asc, between, isNotNull, isNull, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { DbOrTx } from '@/db';
import { customers } from '@/db/schema';
import { customerDisplayName } from '@/lib/customers/schema';
import { coordinatesSchema } from './api-schemas';
import { boundingBox, EARTH_RADIUS_KM } from './haversine';

export const nearbyQuerySchema = coordinatesSchema.extend({
  radiusKm: z.coerce.number().min(0.1, 'Rayon entre 0,1 et 200 km.').max(200, 'Rayon entre 0,1 et 200 km.').default(10),
  limit: z.coerce.number().int().min(1, 'Limite entre 1 et 100.').max(100, 'Limite entre 1 et 100.').default(50),
});
export type NearbyQuery = z.output<typeof nearbyQuerySchema>;

export interface NearbyCustomer {
  id: string;
  number: string;
  kind: string;
  displayName: string;
  firstName: string | null;
  lastName: string | null;
  companyName: string | null;
  email: string | null;
  phone: string | null;
  mobile: string | null;
  addressLine1: string | null;
  postalCode: string | null;
  city: string | null;
  latitude: number;
  longitude: number;
  geocodePrecision: string | null;
  status: string;
  agency: string | null;
  distanceKm: number;
}

/** The SQL distance expression (kilometres), shared with the EXPLAIN test. */
export function distanceSql(lat: number, lon: number) {
  return sql<number>`(${2 * EARTH_RADIUS_KM}::float8 * asin(least(1::float8, sqrt(
    power(sin(radians(${customers.latitude} - ${lat}::float8) / 2), 2)
    + cos(radians(${lat}::float8)) * cos(radians(${customers.latitude}))
    * power(sin(radians(${customers.longitude} - ${lon}::float8) / 2), 2)))))`;
}

/** The query itself (exported so a test can EXPLAIN exactly what the API runs). */
export function nearbyQuery(db: DbOrTx, q: NearbyQuery) {
  const box = boundingBox({ lat: q.lat, lon: q.lon }, q.radiusKm);
  const distance = distanceSql(q.lat, q.lon);
  return db
    .select({
      id: customers.id,
      number: customers.number,
      kind: customers.kind,
      firstName: customers.firstName,
      lastName: customers.lastName,
      companyName: customers.companyName,
      email: customers.email,
      phone: customers.phone,
      mobile: customers.mobile,
      addressLine1: customers.addressLine1,
      postalCode: customers.postalCode,
      city: customers.city,
      latitude: customers.latitude,
      longitude: customers.longitude,
      geocodePrecision: customers.geocodePrecision,
      status: customers.status,
      agency: customers.agency,
      distanceKm: distance.mapWith(Number).as('distance_km'),
    })
    .from(customers)
    .where(
      and(
        between(customers.latitude, box.minLat, box.maxLat),
        between(customers.longitude, box.minLon, box.maxLon),
        isNotNull(customers.latitude),
        isNull(customers.erasedAt),
        isNull(customers.archivedAt),
        sql`${distance} <= ${q.radiusKm}::float8`,
      ),
    )
    .orderBy(asc(sql`distance_km`), asc(customers.id))
    .limit(q.limit);
}

export async function findNearbyCustomers(db: DbOrTx, q: NearbyQuery): Promise<NearbyCustomer[]> {
  const rows = await nearbyQuery(db, q);
  return rows.map((r) => ({
    ...r,
    latitude: Number(r.latitude),
    longitude: Number(r.longitude),
    displayName: customerDisplayName(r),
    distanceKm: Math.round(Number(r.distanceKm) * 1000) / 1000,
  }));
}
