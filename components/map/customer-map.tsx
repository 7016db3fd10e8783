'use client';
/**
 * Lazy map: Leaflet is loaded only in the browser and only when a map is shown (next/dynamic,
 * ssr:false), so it stays out of the first-load JS. If the map code itself cannot load (offline
 * on first visit), the plain fallback with the coordinates is shown instead.
 *   <CustomerMap tileUrl={env().MAP_TILE_URL} center={{lat, lon}} markers={[...]} ariaLabel="Carte du client" />
 */
import dynamic from 'next/dynamic';
import { Component, type ReactNode } from 'react';
import type { LeafletMapProps } from './leaflet-map';
import { MapFallback } from './map-fallback';

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

const LeafletMap = dynamic(() => import('./leaflet-map'), {
  ssr: false,
  loading: () => (
    <div
      className="flex h-64 items-center justify-center rounded-md border border-slate-200 bg-slate-100 text-sm text-slate-600"
      role="status"
    >
      Chargement de la carte…
    </div>
  ),
});

export function CustomerMap(props: LeafletMapProps) {
  const primary = props.markers.find((m) => m.tone === 'primary') ?? props.markers[0];
  return (
    <MapErrorBoundary
      fallback={
        <MapFallback
          lat={primary?.lat ?? props.center.lat}
          lon={primary?.lon ?? props.center.lon}
          className={props.className}
        />
      }
    >
      <LeafletMap {...props} />
    </MapErrorBoundary>
  );
}
