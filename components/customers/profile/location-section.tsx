/**
 * Address, precision, distances and map of the Profile tab (server part).
 *   <LocationSection customer={customer} canEdit={abilities.fieldUpdate} />
 */
import type { CustomerDto } from '@/lib/customers/types';
import { env } from '@/lib/env';
import { findAgency, nearestAgency } from '@/lib/geo/agencies';
import { haversineKm } from '@/lib/geo/haversine';
import { LocationPanel } from './location-panel';

export function LocationSection({ customer: c, canEdit }: { customer: CustomerDto; canEdit: boolean }) {
  const point = c.latitude != null && c.longitude != null ? { lat: c.latitude, lon: c.longitude } : null;
  // The customer's own agency when it is a configured one, else the nearest.
  const own = findAgency(c.agency);
  const agency = point ? (own ? { agency: own, distanceKm: haversineKm(point, own) } : nearestAgency(point)) : null;
  return (
    <LocationPanel
      customerId={c.id}
      address={{
        line1: c.addressLine1,
        line2: c.addressLine2,
        postalCode: c.postalCode,
        city: c.city,
        country: c.country,
      }}
      point={point}
      precision={c.geocodePrecision}
      agency={
        agency
          ? { name: agency.agency.name, lat: agency.agency.lat, lon: agency.agency.lon, distanceKm: agency.distanceKm }
          : null
      }
      tileUrl={env().MAP_TILE_URL}
      canEdit={canEdit}
    />
  );
}
