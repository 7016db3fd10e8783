/** Links that open a position in the phone's maps app (geo: URI) or on OpenStreetMap. Pure: client-safe. */
type Point = { lat: number; lon: number };

export function geoUri(p: Point, label?: string): string {
  return `geo:${p.lat},${p.lon}?q=${p.lat},${p.lon}${label ? `(${encodeURIComponent(label)})` : ''}`;
}

export function osmUrl(p: Point): string {
  return `https://www.openstreetmap.org/?mlat=${p.lat}&mlon=${p.lon}#map=17/${p.lat}/${p.lon}`;
}

/**
 * An address without coordinates: `geo:0,0?q=<address>` asks the phone's maps app to search it
 * (works offline with an offline maps app; no third-party service is named).
 */
export function geoAddressUri(address: string): string {
  return `geo:0,0?q=${encodeURIComponent(address)}`;
}
