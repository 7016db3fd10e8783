/** Agencies (env AGENCIES: [{name, lat, lon}]) and distances from them. */
import { type Agency, env } from '@/lib/env';
import { haversineKm, type LatLon } from './haversine';

export type { Agency };

export function listAgencies(): Agency[] {
  return env().AGENCIES;
}

export function findAgency(name: string | null | undefined): Agency | null {
  if (!name) return null;
  const key = name.trim().toLowerCase();
  return listAgencies().find((a) => a.name.toLowerCase() === key) ?? null;
}

/** Every agency with its distance from the point, nearest first. */
export function agencyDistances(point: LatLon): { agency: Agency; distanceKm: number }[] {
  return listAgencies()
    .map((agency) => ({ agency, distanceKm: haversineKm(point, agency) }))
    .sort((a, b) => a.distanceKm - b.distanceKm);
}

export function nearestAgency(point: LatLon): { agency: Agency; distanceKm: number } | null {
  return agencyDistances(point)[0] ?? null;
}
