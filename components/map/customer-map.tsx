'use client';
/**
 * Lazy map: Leaflet is loaded only in the browser and only when a map is shown (next/dynamic,
 * ssr:false), so it stays out of the first-load JS. If the map code itself cannot load (offline
 * on first visit) or has not arrived after MAP_TIMEOUT_MS, the plain fallback (address and
 * "Ouvrir dans Plans") is shown instead of an endless "Chargement de la carte…".
 *   <CustomerMap tileUrl={env().MAP_TILE_URL} center={{lat, lon}} markers={[...]} address="12 rue…" ariaLabel="Carte du client" />
 */
import dynamic from 'next/dynamic';
import { Component, createContext, type ReactNode, useContext, useEffect, useState } from 'react';
import type { LeafletMapProps } from './leaflet-map';
import { MAP_TIMEOUT_MS, MapFallback } from './map-fallback';

export type { LeafletMapProps as CustomerMapProps, MapMarker } from './leaflet-map';

class MapErrorBoundary extends Component<{ fallback: ReactNode; children: ReactNode }, { failed: boolean }> {
  state = { failed: false };
  static getDerivedStateFromError() {
    return { failed: true };
  }
  render() {
    return this.state.failed ? this.props.fallback : this.props.children;
  }
}

// next/dynamic's loading component takes no props: the fallback it may turn into comes by context.
const FallbackContext = createContext<ReactNode>(null);

function MapLoading() {
  const fallback = useContext(FallbackContext);
  const [late, setLate] = useState(false);
  useEffect(() => {
    const timer = window.setTimeout(() => setLate(true), MAP_TIMEOUT_MS);
    return () => window.clearTimeout(timer);
  }, []);
  if (late && fallback) return fallback;
  return (
    <div
      className="flex h-64 items-center justify-center rounded-md border border-slate-200 bg-slate-100 text-sm text-slate-600"
      role="status"
    >
      Chargement de la carte…
    </div>
  );
}

const LeafletMap = dynamic(() => import('./leaflet-map'), { ssr: false, loading: () => <MapLoading /> });

export function CustomerMap(props: LeafletMapProps) {
  const primary = props.markers.find((m) => m.tone === 'primary') ?? props.markers[0];
  const fallback = (
    <MapFallback
      lat={primary?.lat ?? props.center.lat}
      lon={primary?.lon ?? props.center.lon}
      address={props.address}
      message="Carte indisponible"
      className={props.className}
    />
  );
  return (
    <FallbackContext.Provider value={fallback}>
      <MapErrorBoundary fallback={fallback}>
        <LeafletMap {...props} />
      </MapErrorBoundary>
    </FallbackContext.Provider>
  );
}
