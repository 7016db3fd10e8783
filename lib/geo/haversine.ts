/** Great-circle distances. Pure functions: used on the server and in the browser ("ma position"). */

export interface LatLon {
  lat: number;
  lon: number;
}

/** Mean Earth radius (IUGG), the same constant as the nearby SQL query. */
export const EARTH_RADIUS_KM = 6371.0088;

const rad = (deg: number) => (deg * Math.PI) / 180;

export function haversineKm(a: LatLon, b: LatLon): number {
  const dLat = rad(b.lat - a.lat);
  const dLon = rad(b.lon - a.lon);
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(rad(a.lat)) * Math.cos(rad(b.lat)) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)));
}

/**
 * Latitude/longitude box that contains every point within `radiusKm` of `center` (a superset: the
 * exact distance is checked afterwards). Longitude span widens with latitude; near the poles or
 * across the antimeridian the box simply covers all longitudes.
 */
export function boundingBox(center: LatLon, radiusKm: number) {
  const dLat = (radiusKm / EARTH_RADIUS_KM) * (180 / Math.PI);
  const minLat = Math.max(-90, center.lat - dLat);
  const maxLat = Math.min(90, center.lat + dLat);
  const widest = Math.max(Math.abs(minLat), Math.abs(maxLat));
  const cos = Math.cos(rad(widest));
  const dLon = cos < 1e-6 ? 180 : Math.min(180, dLat / cos);
  let minLon = center.lon - dLon;
  let maxLon = center.lon + dLon;
  if (minLon < -180 || maxLon > 180) {
    minLon = -180;
    maxLon = 180;
  }
  return { minLat, maxLat, minLon, maxLon };
}

/** "1,2 km" / "850 m" in French. */
export function formatDistance(km: number): string {
  if (km < 1) return `${Math.round(km * 1000)} m`;
  const digits = km < 10 ? 1 : 0;
  return `${new Intl.NumberFormat('fr-FR', { maximumFractionDigits: digits, minimumFractionDigits: digits }).format(km)} km`;
}
