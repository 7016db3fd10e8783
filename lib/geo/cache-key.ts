import { createHmac } from 'node:crypto';
import { authSecret } from '@/lib/env';
import { normalizePlace } from './normalize';

export interface CacheAddress {
  line1?: string | null;
  postalCode?: string | null;
  city?: string | null;
}

/** Same address, same text: case, accents, punctuation and extra spaces do not matter. */
export function normalizedAddress(address: CacheAddress): string {
  return [address.line1, address.postalCode, address.city].map((p) => normalizePlace(p ?? '')).join('|');
}

/**
 * The geocode cache key: a keyed hash of the normalised address, so the cache never holds an
 * address in clear (README "Security"). Keyed with the auth secret: a list of addresses cannot be
 * matched against a copy of the table; a new secret only empties the cache in effect.
 */
export function geocodeCacheKey(address: CacheAddress): string {
  const key = createHmac('sha256', authSecret()).update('customer-360 geocode cache v1').digest();
  return createHmac('sha256', key).update(normalizedAddress(address)).digest('hex');
}
