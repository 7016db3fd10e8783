import { MapPin } from 'lucide-react';

/**
 * What a map shows when it cannot: a plain panel with the position in text (never a broken widget).
 * Server/client safe.
 */
export function formatCoords(lat: number, lon: number): string {
  return `${lat.toFixed(4)}, ${lon.toFixed(4)}`;
}

export function MapFallback({
  lat,
  lon,
  message = 'Fond de carte indisponible (pas de connexion)',
  className = 'h-64',
}: {
  lat?: number | null;
  lon?: number | null;
  message?: string;
  className?: string;
}) {
  const hasPoint = lat != null && lon != null;
  return (
    <div
      role="img"
      aria-label={hasPoint ? `${message} — position : ${formatCoords(lat, lon)}` : message}
      className={`relative flex items-center justify-center overflow-hidden rounded-md border border-slate-200 bg-slate-100 ${className}`}
    >
      {hasPoint && (
        <MapPin
          aria-hidden="true"
          className="absolute top-1/2 left-1/2 size-8 -translate-x-1/2 -translate-y-full text-red-600"
        />
      )}
      <p className="absolute inset-x-2 bottom-2 rounded bg-white/90 px-2 py-1 text-center text-xs text-slate-800">
        {message}
        {hasPoint && ` — position : ${formatCoords(lat, lon)}`}
      </p>
    </div>
  );
}
