import 'server-only';
/**
 * Address → coordinates. Offline first (commune centre from the shipped data, precision
 * 'commune'); when GEOCODER_URL is set (BAN api-adresse format) the online answer is tried with a
 * hard timeout and cached in geocode_cache (coordinates under a keyed hash of the address). A slow, failing or unreachable geocoder only costs
 * GEOCODER_TIMEOUT_MS and falls back to offline — it never fails the caller.
 */
import { eq } from 'drizzle-orm';
import { type DbOrTx, getDb } from '@/db';
import { geocodeCache } from '@/db/schema';
import type { GeocodePrecision } from '@/db/schema/customers';
import { env } from '@/lib/env';
import { geocodeCacheKey } from './cache-key';
import { findCommune } from './postal-codes';

export interface AddressInput {
  line1?: string | null;
  postalCode?: string | null;
  city?: string | null;
}

export type GeocodeSource = 'offline' | 'ban' | 'manual';

export interface GeocodeResult {
  latitude: number;
  longitude: number;
  precision: GeocodePrecision;
  source: GeocodeSource;
  label: string;
}

/** Same address, same key (case, accents, punctuation and spaces do not matter); a keyed hash, never the address. */
export function geocodeKey(address: AddressInput): string {
  return geocodeCacheKey(address);
}

export function geocodeOffline(address: AddressInput): GeocodeResult | null {
  const commune = findCommune(address.postalCode, address.city);
  if (!commune) return null;
  return {
    latitude: commune.latitude,
    longitude: commune.longitude,
    precision: 'commune',
    source: 'offline',
    label: `${commune.city} (${commune.postalCode})`,
  };
}

const BAN_PRECISION: Record<string, GeocodePrecision> = {
  housenumber: 'housenumber',
  street: 'street',
  locality: 'street',
  municipality: 'commune',
};

interface BanFeature {
  geometry?: { coordinates?: unknown };
  properties?: { type?: string; score?: number; label?: string };
}

/** One request to a BAN-compatible geocoder; null on any error, timeout or unusable answer. */
async function geocodeOnline(url: string, query: string, postalCode: string | null | undefined, timeoutMs: number) {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  try {
    const target = new URL(`${url.replace(/\/+$/, '')}/search/`);
    target.searchParams.set('q', query);
    target.searchParams.set('limit', '1');
    if (postalCode && /^\d{5}$/.test(postalCode)) target.searchParams.set('postcode', postalCode);
    const res = await fetch(target, { signal: controller.signal, headers: { accept: 'application/json' } });
    if (!res.ok) return null;
    const body = (await res.json()) as { features?: BanFeature[] };
    const feature = body.features?.[0];
    const coords = feature?.geometry?.coordinates;
    const precision = BAN_PRECISION[feature?.properties?.type ?? ''];
    if (!Array.isArray(coords) || !precision) return null;
    const [lon, lat] = coords.map(Number);
    if (!(Math.abs(lat) <= 90 && Math.abs(lon) <= 180)) return null;
    // A weak match is worse than the commune centre we already know.
    if ((feature?.properties?.score ?? 1) < 0.4) return null;
    return { latitude: lat, longitude: lon, precision, label: feature?.properties?.label ?? query };
  } catch {
    return null;
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Best coordinates for an address, or null when neither the geocoder nor the offline data knows it.
 * `db` is only used for the cache.
 */
export async function geocodeAddress(address: AddressInput, db: DbOrTx = getDb()): Promise<GeocodeResult | null> {
  const offline = geocodeOffline(address);
  const { GEOCODER_URL, GEOCODER_TIMEOUT_MS } = env();
  const query = [address.line1, address.postalCode, address.city]
    .map((p) => p?.trim())
    .filter(Boolean)
    .join(' ');
  // Without a street line the online geocoder cannot beat the commune centre.
  if (!GEOCODER_URL || !address.line1?.trim() || query.length < 3) return offline;

  const key = geocodeKey(address);
  try {
    const [cached] = await db.select().from(geocodeCache).where(eq(geocodeCache.key, key)).limit(1);
    if (cached) {
      return {
        latitude: cached.latitude,
        longitude: cached.longitude,
        precision: cached.precision as GeocodePrecision,
        source: cached.source as GeocodeSource,
        // No label is cached (it is an address): the caller's own text stands in.
        label: query,
      };
    }
  } catch (error) {
    console.error('[geocode] cache read failed', error);
  }

  const online = await geocodeOnline(GEOCODER_URL, query, address.postalCode, GEOCODER_TIMEOUT_MS);
  if (!online) return offline;
  const result: GeocodeResult = { ...online, source: 'ban' };
  try {
    await db
      .insert(geocodeCache)
      .values({
        key,
        latitude: result.latitude,
        longitude: result.longitude,
        precision: result.precision,
        source: 'ban',
      })
      .onConflictDoNothing();
  } catch (error) {
    console.error('[geocode] cache write failed', error);
  }
  return result;
}

/**
 * Free text ("12 rue X 69002 Lyon") → structured address: the 5-digit postal code splits the
 * street (before) from the city (after).
 */
export function parseAddressText(text: string): AddressInput {
  const clean = text.replace(/\s+/g, ' ').trim();
  const m = /\b(\d{5})\b/.exec(clean);
  if (!m) {
    // No postal code: "12 rue X, Lyon" → the last comma part is the city; a lone word is a city.
    const parts = clean
      .split(',')
      .map((p) => p.trim())
      .filter(Boolean);
    if (parts.length > 1) return { line1: parts.slice(0, -1).join(', '), city: parts[parts.length - 1] };
    return /\d/.test(clean) ? { line1: clean } : { city: clean };
  }
  const line1 = clean
    .slice(0, m.index)
    .replace(/[,\s]+$/, '')
    .trim();
  const city = clean
    .slice(m.index + 5)
    .replace(/^[,\s]+/, '')
    .trim();
  return { line1: line1 || null, postalCode: m[1], city: city || null };
}
