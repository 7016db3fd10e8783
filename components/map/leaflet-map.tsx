'use client';
/**
 * The Leaflet map itself (client-only: loaded through ./customer-map.tsx with next/dynamic ssr:false).
 * Tiles come from the configured URL; when they fail (offline, blocked) the tile layer is dropped and
 * the markers stay on a plain background with the position written out.
 */
import 'leaflet/dist/leaflet.css';
import L from 'leaflet';
import { useEffect, useMemo, useRef, useState } from 'react';
import { MapContainer, Marker, Popup, TileLayer, useMap, useMapEvents } from 'react-leaflet';
import { MAP_TIMEOUT_MS, MapFallbackText } from './map-fallback';

export interface MapMarker {
  id: string;
  lat: number;
  lon: number;
  label: string;
  href?: string;
  /** Highlighted (the customer, or "me"). */
  tone?: 'primary' | 'me' | 'default';
}

export interface LeafletMapProps {
  center: { lat: number; lon: number };
  zoom?: number;
  tileUrl: string;
  markers: MapMarker[];
  /** Id of the marker the user may drag (manual pin correction). */
  draggableId?: string;
  /** "Placer l'épingle" mode: a tap on the map moves the draggable marker there. */
  placing?: boolean;
  onMove?: (point: { lat: number; lon: number }) => void;
  fitToMarkers?: boolean;
  ariaLabel: string;
  className?: string;
  /** Written out (with "Ouvrir dans Plans") when the background cannot be shown. */
  address?: string;
}

const COLORS = { primary: '#dc2626', me: '#2563eb', default: '#0f766e' };

function icon(tone: MapMarker['tone'] = 'default') {
  // A CSS pin (no image files to bundle or fetch).
  return L.divIcon({
    className: '',
    html: `<span style="display:block;width:22px;height:22px;border-radius:50% 50% 50% 0;transform:rotate(-45deg);background:${COLORS[tone]};border:2px solid #fff;box-shadow:0 1px 4px rgba(0,0,0,.5)"></span>`,
    iconSize: [22, 22],
    iconAnchor: [11, 22],
    popupAnchor: [0, -22],
  });
}

function attributionFor(url: string): string {
  return /openstreetmap/i.test(url)
    ? '&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a>'
    : 'Fond de carte';
}

function PlaceOnClick({ enabled, onMove }: { enabled?: boolean; onMove?: LeafletMapProps['onMove'] }) {
  useMapEvents({
    click(e) {
      if (enabled && onMove) onMove({ lat: e.latlng.lat, lon: e.latlng.lng });
    },
  });
  return null;
}

function Recenter({
  center,
  markers,
  fit,
}: {
  center: LeafletMapProps['center'];
  markers: MapMarker[];
  fit?: boolean;
}) {
  const map = useMap();
  const key = markers.map((m) => `${m.id}:${m.lat}:${m.lon}`).join('|');
  useEffect(() => {
    if (fit && markers.length > 1)
      map.fitBounds(L.latLngBounds(markers.map((m) => [m.lat, m.lon])), { padding: [24, 24], maxZoom: 15 });
    else map.setView([center.lat, center.lon], map.getZoom());
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key, center.lat, center.lon, fit]);
  return null;
}

export default function LeafletMap({
  center,
  zoom = 13,
  tileUrl,
  markers,
  draggableId,
  placing,
  onMove,
  fitToMarkers,
  ariaLabel,
  className = 'h-64',
  address,
}: LeafletMapProps) {
  const [offline, setOffline] = useState(() => typeof navigator !== 'undefined' && navigator.onLine === false);
  const [tilesFailed, setTilesFailed] = useState(false);
  const loaded = useRef(0);
  const errors = useRef(0);

  useEffect(() => {
    const down = () => setOffline(true);
    const up = () => {
      setOffline(false);
      setTilesFailed(false);
      errors.current = 0;
    };
    window.addEventListener('offline', down);
    window.addEventListener('online', up);
    return () => {
      window.removeEventListener('offline', down);
      window.removeEventListener('online', up);
    };
  }, []);

  // Unreachable tiles do not always fail: a dropped connection just hangs. No tile after the
  // timeout counts as unreachable (the markers stay usable on the plain background).
  useEffect(() => {
    if (tileUrl === 'none' || tilesFailed) return;
    const timer = window.setTimeout(() => {
      if (loaded.current === 0) setTilesFailed(true);
    }, MAP_TIMEOUT_MS);
    return () => window.clearTimeout(timer);
  }, [tileUrl, tilesFailed, offline]);

  const tileHandlers = useMemo(
    () => ({
      tileload: () => {
        loaded.current++;
      },
      tileerror: () => {
        errors.current++;
        // Nothing loaded and tiles keep failing: the background is unreachable.
        if (loaded.current === 0 && errors.current >= 2) setTilesFailed(true);
      },
    }),
    [],
  );

  // MAP_TILE_URL=none (the offline default): no tile server at all, never a request.
  const disabled = tileUrl === 'none';
  const noTiles = disabled || offline || tilesFailed;
  const primary = markers.find((m) => m.tone === 'primary') ?? markers[0] ?? { lat: center.lat, lon: center.lon };

  return (
    <div
      className={`relative overflow-hidden rounded-md border border-slate-200 ${placing ? 'cursor-crosshair' : ''} ${className}`}
    >
      <MapContainer
        center={[center.lat, center.lon]}
        zoom={zoom}
        scrollWheelZoom={false}
        className="h-full w-full bg-slate-100"
        aria-label={ariaLabel}
      >
        {!noTiles && <TileLayer url={tileUrl} attribution={attributionFor(tileUrl)} eventHandlers={tileHandlers} />}
        {markers.map((m) => (
          <Marker
            key={m.id}
            position={[m.lat, m.lon]}
            icon={icon(m.tone)}
            title={m.label}
            alt={m.label}
            draggable={m.id === draggableId}
            eventHandlers={
              m.id === draggableId && onMove
                ? {
                    dragend: (e) => {
                      const p = (e.target as L.Marker).getLatLng();
                      onMove({ lat: p.lat, lon: p.lng });
                    },
                  }
                : undefined
            }
          >
            <Popup>{m.href ? <a href={m.href}>{m.label}</a> : m.label}</Popup>
          </Marker>
        ))}
        <PlaceOnClick enabled={placing} onMove={onMove} />
        <Recenter center={center} markers={markers} fit={fitToMarkers} />
      </MapContainer>
      {noTiles && (
        <p
          role="status"
          className="pointer-events-none absolute inset-x-2 bottom-2 z-[1000] rounded bg-white/90 px-2 pt-1 text-center text-sm text-slate-800"
        >
          <MapFallbackText
            lat={primary.lat}
            lon={primary.lon}
            address={address}
            message={`Fond de carte indisponible (${disabled ? 'aucun serveur de tuiles configuré' : 'pas de connexion'})`}
          />
        </p>
      )}
    </div>
  );
}
