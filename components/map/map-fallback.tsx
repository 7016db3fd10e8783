import { MapPin } from 'lucide-react';
import { geoUri } from '@/lib/geo/links';

/**
 * What a map shows when it cannot: a plain panel with the address (or the position in text) and
 * a link that opens the phone's maps app — never a broken widget or an endless spinner.
 * Server/client safe.
 */
export function formatCoords(lat: number, lon: number): string {
  return `${lat.toFixed(4)}, ${lon.toFixed(4)}`;
}

/** After this delay without the map or its first tile, the fallback replaces "Chargement…". */
export const MAP_TIMEOUT_MS = 8000;

export function MapFallbackText({
  lat,
  lon,
  address,
  message,
}: {
  lat?: number | null;
  lon?: number | null;
  address?: string;
  message: string;
}) {
  const hasPoint = lat != null && lon != null;
  return (
    <>
      <span className="block">{message}</span>
      {address ? (
        <span className="block font-medium">{address}</span>
      ) : (
        hasPoint && <span className="block">Position&#8239;: {formatCoords(lat, lon)}</span>
      )}
      {hasPoint && (
        <a
          href={geoUri({ lat, lon }, address)}
          className="pointer-events-auto inline-flex min-h-11 items-center font-medium text-blue-800 underline underline-offset-2"
        >
          Ouvrir dans Plans
        </a>
      )}
    </>
  );
}

export function MapFallback({
  lat,
  lon,
  address,
  message = 'Fond de carte indisponible',
  className = 'h-64',
}: {
  lat?: number | null;
  lon?: number | null;
  address?: string;
  message?: string;
  className?: string;
}) {
  const hasPoint = lat != null && lon != null;
  return (
    <div
      role="group"
      aria-label={message}
      className={`relative flex items-center justify-center overflow-hidden rounded-md border border-slate-200 bg-slate-100 ${className}`}
    >
      {hasPoint && (
        <MapPin
          aria-hidden="true"
          className="absolute top-1/3 left-1/2 size-8 -translate-x-1/2 -translate-y-full text-red-600"
        />
      )}
      <p className="absolute inset-x-2 bottom-2 rounded bg-white/90 px-2 pt-1 text-center text-sm text-slate-800">
        <MapFallbackText lat={lat} lon={lon} address={address} message={message} />
      </p>
    </div>
  );
}
