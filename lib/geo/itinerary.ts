import { geoUri } from './links';

/** An address as the customer record holds it. */
export interface AddressFields {
  latitude: number | null;
  longitude: number | null;
  addressLine1: string | null;
  postalCode: string | null;
  city: string | null;
  country: string;
}

/** "12 rue X, 69002 Lyon" (the country only outside France); '' when there is nothing to show. */
export function addressText(a: Omit<AddressFields, 'latitude' | 'longitude'>): string {
  const cityLine = [a.postalCode, a.city].filter(Boolean).join(' ');
  return [a.addressLine1, cityLine, a.country !== 'FR' ? a.country : ''].filter(Boolean).join(', ');
}

/**
 * « Itinéraire »: a `geo:` URI the phone hands to its maps app (which computes the route, offline
 * with an offline maps app) — the position when the customer is located, else the address as a
 * search (`geo:0,0?q=`). No online service is called by the application. Null without an address.
 */
export function itineraryHref(a: AddressFields, label?: string): string | null {
  const text = addressText(a);
  if (a.latitude != null && a.longitude != null) return geoUri({ lat: a.latitude, lon: a.longitude }, label || text);
  return text ? `geo:0,0?q=${encodeURIComponent(text)}` : null;
}
