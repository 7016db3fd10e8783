import 'server-only';
/**
 * Coordinates of a customer's address, computed AFTER the save that changed it (never inside its
 * transaction: an online geocoder may take up to GEOCODER_TIMEOUT_MS). Also the manual pin
 * correction from the map.
 */
import { after } from 'next/server';
import { eq, sql } from 'drizzle-orm';
import { type Db, getDb } from '@/db';
import { customers } from '@/db/schema';
import type { GeocodePrecision } from '@/db/schema/enums';
import { type Actor, SYSTEM_ACTOR } from '@/lib/auth/actor';
import { withActivity } from '@/lib/audit';
import { AppError } from '@/lib/errors';
import { findAgency, nearestAgency } from '@/lib/geo/agencies';
import { env } from '@/lib/env';
import { geocodeAddress, geocodeOffline, type GeocodeResult } from '@/lib/geo/geocode';

export interface CustomerLocation {
  latitude: number | null;
  longitude: number | null;
  geocodePrecision: GeocodePrecision | null;
  geocodeSource: string | null;
  agency: string | null;
}

/** The configured agency a customer is attached to, kept when set by hand; else the nearest. */
function agencyFor(current: string | null, point: { lat: number; lon: number }): string | null {
  if (findAgency(current)) return current;
  return nearestAgency(point)?.agency.name ?? current;
}

/**
 * Geocodes the customer's current address and stores the result (latitude, longitude, precision,
 * source, agency) with a 'profile' activity. Returns the result, or null when the address is
 * unknown (then nothing is written). Does not move `updatedAt`: derived data must not make the
 * user's open edit form stale (409).
 */
export async function geocodeCustomer(
  db: Db,
  customerId: string,
  actor: Actor = SYSTEM_ACTOR,
): Promise<GeocodeResult | null> {
  const [c] = await db
    .select({
      line1: customers.addressLine1,
      postalCode: customers.postalCode,
      city: customers.city,
      country: customers.country,
      agency: customers.agency,
      erasedAt: customers.erasedAt,
    })
    .from(customers)
    .where(eq(customers.id, customerId))
    .limit(1);
  if (!c || c.erasedAt) return null;
  if (c.country !== 'FR' || (!c.postalCode && !c.city)) return null;
  const address = { line1: c.line1, postalCode: c.postalCode, city: c.city };
  const result = await geocodeAddress(address, db);
  if (!result) return null;

  return withActivity(db, actor, async (tx) => {
    // The address may have changed again while we were geocoding: only write for the address we used.
    const [current] = await tx
      .select({ line1: customers.addressLine1, postalCode: customers.postalCode, city: customers.city })
      .from(customers)
      .where(eq(customers.id, customerId))
      .for('update');
    if (!current || current.line1 !== c.line1 || current.postalCode !== c.postalCode || current.city !== c.city) {
      return { value: null, activity: null };
    }
    const agency = agencyFor(c.agency, { lat: result.latitude, lon: result.longitude });
    await tx
      .update(customers)
      .set({
        latitude: result.latitude,
        longitude: result.longitude,
        geocodePrecision: result.precision,
        geocodeSource: result.source,
        agency,
        updatedAt: sql`${customers.updatedAt}`,
      })
      .where(eq(customers.id, customerId));
    return {
      value: result,
      activity: {
        customerId,
        type: 'profile',
        title: 'Adresse géolocalisée',
        description: `${result.label} — précision : ${result.precision === 'commune' ? 'commune' : result.precision === 'housenumber' ? 'numéro' : 'rue'}`,
        metadata: {
          latitude: result.latitude,
          longitude: result.longitude,
          precision: result.precision,
          source: result.source,
          agency,
        },
      },
    };
  });
}

/**
 * Commune-level coordinates from the offline data, computed synchronously so the save that changes
 * an address writes them in the same transaction (and the same activity). Empty when the address
 * is not a known French commune: the previous coordinates are then cleared, not left pointing
 * at the old address.
 */
export function offlineLocationFields(
  address: { addressLine1?: string | null; postalCode?: string | null; city?: string | null; country?: string | null },
  currentAgency: string | null,
): CustomerLocation {
  const result =
    (address.country ?? 'FR') === 'FR'
      ? geocodeOffline({ line1: address.addressLine1, postalCode: address.postalCode, city: address.city })
      : null;
  if (!result)
    return { latitude: null, longitude: null, geocodePrecision: null, geocodeSource: null, agency: currentAgency };
  return {
    latitude: result.latitude,
    longitude: result.longitude,
    geocodePrecision: result.precision,
    geocodeSource: result.source,
    agency: agencyFor(currentAgency, { lat: result.latitude, lon: result.longitude }),
  };
}

/** An online geocoder is configured: a house-number position may refine the commune-level one. */
export function onlineGeocoderConfigured(): boolean {
  return Boolean(env().GEOCODER_URL);
}

/**
 * Fire-and-forget after a save: inside a Next request it runs after the response is sent
 * (`after`), elsewhere (CLI, tests) as a detached promise. Errors are logged, never thrown.
 */
export function geocodeCustomerLater(customerId: string, actor: Actor = SYSTEM_ACTOR): void {
  const run = () =>
    geocodeCustomer(getDb(), customerId, actor).then(
      () => undefined,
      (error) => console.error('[geocode] customer', customerId, error),
    );
  try {
    after(run);
  } catch {
    void run();
  }
}

/** "Placer l'épingle": the user's correction wins over any geocoder (precision 'manual'). */
export async function setCustomerLocation(
  db: Db,
  actor: Actor,
  customerId: string,
  point: { lat: number; lon: number },
): Promise<CustomerLocation> {
  if (!(
    Number.isFinite(point.lat) &&
    Math.abs(point.lat) <= 90 &&
    Number.isFinite(point.lon) &&
    Math.abs(point.lon) <= 180
  )) {
    throw AppError.validation({ lat: ['Position invalide.'] });
  }
  const lat = Math.round(point.lat * 1e6) / 1e6;
  const lon = Math.round(point.lon * 1e6) / 1e6;
  return withActivity(db, actor, async (tx) => {
    const [before] = await tx
      .select({
        latitude: customers.latitude,
        longitude: customers.longitude,
        agency: customers.agency,
        erasedAt: customers.erasedAt,
      })
      .from(customers)
      .where(eq(customers.id, customerId))
      .for('update');
    if (!before || before.erasedAt) throw AppError.notFound('Client introuvable.');
    const agency = agencyFor(before.agency, { lat, lon });
    const [row] = await tx
      .update(customers)
      .set({
        latitude: lat,
        longitude: lon,
        geocodePrecision: 'manual',
        geocodeSource: 'manual',
        agency,
        updatedAt: sql`${customers.updatedAt}`,
      })
      .where(eq(customers.id, customerId))
      .returning({
        latitude: customers.latitude,
        longitude: customers.longitude,
        geocodePrecision: customers.geocodePrecision,
        geocodeSource: customers.geocodeSource,
        agency: customers.agency,
      });
    return {
      value: row,
      activity: {
        customerId,
        type: 'profile',
        title: 'Position corrigée sur la carte',
        metadata: {
          from: { latitude: before.latitude, longitude: before.longitude },
          to: { latitude: lat, longitude: lon },
          agency,
        },
      },
    };
  });
}
