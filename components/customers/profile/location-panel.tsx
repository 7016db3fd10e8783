'use client';
/**
 * Location card: address, geocoding precision, distance from the agency and from "ma position"
 * (browser geolocation, computed here), links to open in a maps app, the lazy map with a
 * "placer l'épingle" correction mode (saved with setLocationAction, precision 'manual').
 */
import { type RefObject, useEffect, useRef, useState, useTransition } from 'react';
import { Badge, type BadgeTone } from '@/components/ui/badge';
import { Button, buttonClasses } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { useToast } from '@/components/ui/toast';
import { CustomerMap } from '@/components/map/customer-map';
import { initialActionState } from '@/lib/action-state';
import { setLocationAction } from '@/lib/geo/actions';
import { formatDistance, haversineKm } from '@/lib/geo/haversine';
import { geoUri, osmUrl } from '@/lib/geo/links';

type Point = { lat: number; lon: number };

const PRECISION: Record<string, { label: string; tone: BadgeTone }> = {
  housenumber: { label: 'Position précise (numéro)', tone: 'success' },
  street: { label: 'Position à la rue', tone: 'info' },
  commune: { label: 'Approximative (centre de la commune)', tone: 'warning' },
  manual: { label: 'Placée à la main', tone: 'success' },
};

const FRANCE = { lat: 46.6, lon: 2.4 };

/**
 * True once `ref` comes within 200 px of the viewport: the map (Leaflet and react-leaflet, ~45 kB
 * gzipped, then its tiles) is fetched for someone who scrolls to it, not with every customer page.
 */
function useNearViewport(ref: RefObject<HTMLElement | null>, active: boolean): boolean {
  const [near, setNear] = useState(false);
  useEffect(() => {
    const el = ref.current;
    if (near || !active || !el) return;
    const observer = new IntersectionObserver((entries) => entries.some((e) => e.isIntersecting) && setNear(true), {
      rootMargin: '200px',
    });
    observer.observe(el);
    return () => observer.disconnect();
  }, [ref, active, near]);
  return near;
}

const GEO_ERRORS: Record<number, string> = {
  1: 'Localisation refusée : autorisez-la dans le navigateur pour voir la distance.',
  2: 'Position indisponible (pas de signal GPS ou réseau).',
  3: 'La localisation a pris trop de temps. Réessayez.',
};

export function LocationPanel({
  customerId,
  address,
  point,
  precision,
  agency,
  tileUrl,
  canEdit,
}: {
  customerId: string;
  address: {
    line1: string | null;
    line2: string | null;
    postalCode: string | null;
    city: string | null;
    country: string;
  };
  point: Point | null;
  precision: string | null;
  agency: { name: string; lat: number; lon: number; distanceKm: number } | null;
  tileUrl: string;
  canEdit: boolean;
}) {
  const toast = useToast();
  const [me, setMe] = useState<Point | null>(null);
  const [locating, setLocating] = useState(false);
  const [geoError, setGeoError] = useState<string | null>(null);
  const [placing, setPlacing] = useState(false);
  const [draft, setDraft] = useState<Point | null>(null);
  const [saving, startSaving] = useTransition();

  const shown = draft ?? point;
  const mapSlot = useRef<HTMLDivElement>(null);
  const mapNear = useNearViewport(mapSlot, Boolean(shown) || placing);
  const cityLine = [address.postalCode, address.city].filter(Boolean).join(' ');
  const label = [address.line1, cityLine].filter(Boolean).join(', ');
  const p = precision ? PRECISION[precision] : undefined;

  function locateMe() {
    if (!('geolocation' in navigator)) {
      setGeoError('Ce navigateur ne donne pas accès à la position.');
      return;
    }
    setLocating(true);
    setGeoError(null);
    navigator.geolocation.getCurrentPosition(
      (pos) => {
        setMe({ lat: pos.coords.latitude, lon: pos.coords.longitude });
        setLocating(false);
      },
      (err) => {
        setGeoError(GEO_ERRORS[err.code] ?? 'Position indisponible.');
        setLocating(false);
      },
      { enableHighAccuracy: true, timeout: 15000, maximumAge: 60000 },
    );
  }

  function save() {
    if (!draft) return;
    startSaving(async () => {
      const fd = new FormData();
      fd.set('lat', String(draft.lat));
      fd.set('lon', String(draft.lon));
      const r = await setLocationAction(customerId, initialActionState, fd);
      toast.show(r.message, r.ok ? 'success' : 'error');
      if (r.ok) {
        setPlacing(false);
        setDraft(null);
      }
    });
  }

  const markers = [
    ...(shown
      ? [{ id: 'customer', lat: shown.lat, lon: shown.lon, label: label || 'Client', tone: 'primary' as const }]
      : []),
    ...(me ? [{ id: 'me', lat: me.lat, lon: me.lon, label: 'Ma position', tone: 'me' as const }] : []),
  ];

  return (
    <Card title="Adresse et localisation">
      <div className="space-y-3">
        {/* Below lg the « Sur place » card above already shows the address: once per screen. */}
        <address className="hidden text-sm text-slate-900 not-italic lg:block">
          {address.line1 || address.line2 || cityLine ? (
            <>
              {address.line1 && <span className="block">{address.line1}</span>}
              {address.line2 && <span className="block">{address.line2}</span>}
              {cityLine && <span className="block">{cityLine}</span>}
              {address.country !== 'FR' && <span className="block">{address.country}</span>}
            </>
          ) : (
            <span className="text-slate-600">Aucune adresse.</span>
          )}
        </address>

        <div className="flex flex-wrap items-center gap-2 text-sm">
          {point ? (
            <Badge tone={p?.tone ?? 'neutral'}>{p?.label ?? 'Localisée'}</Badge>
          ) : (
            <Badge tone="neutral">Non localisée</Badge>
          )}
          {agency && (
            <span className="text-slate-700">
              {formatDistance(agency.distanceKm)} de l&apos;{agency.name.replace(/^Agence\s+/i, 'agence ')}
            </span>
          )}
        </div>

        {point && (
          <div className="flex flex-wrap items-center gap-2">
            <Button
              size="sm"
              variant="secondary"
              onClick={locateMe}
              disabled={locating}
              aria-busy={locating || undefined}
            >
              {locating ? 'Localisation…' : 'Distance depuis ma position'}
            </Button>
            {me && (
              <span className="text-sm text-slate-900" role="status">
                À {formatDistance(haversineKm(me, point))} de vous
              </span>
            )}
            {geoError && (
              <span className="text-sm text-red-700" role="alert">
                {geoError}
              </span>
            )}
          </div>
        )}

        {point && (
          <div className="flex flex-wrap gap-2">
            <a className={buttonClasses('secondary', 'sm')} href={geoUri(point, label)}>
              Ouvrir dans Plans
            </a>
            <a className={buttonClasses('ghost', 'sm')} href={osmUrl(point)} target="_blank" rel="noopener noreferrer">
              OpenStreetMap
            </a>
          </div>
        )}

        {(shown || placing) && !mapNear && (
          // Same box as the map's own loading state: no layout shift when it arrives.
          <div
            ref={mapSlot}
            className="flex h-64 items-center justify-center rounded-md border border-slate-200 bg-slate-100 text-sm text-slate-600"
          >
            Chargement de la carte…
          </div>
        )}
        {(shown || placing) && mapNear && (
          <CustomerMap
            tileUrl={tileUrl}
            center={shown ?? (agency ? { lat: agency.lat, lon: agency.lon } : FRANCE)}
            zoom={shown ? (precision === 'commune' && !draft ? 12 : 15) : 6}
            markers={markers}
            draggableId={canEdit && placing ? 'customer' : undefined}
            placing={placing}
            onMove={setDraft}
            fitToMarkers={!!me}
            ariaLabel={`Carte : ${label || 'position du client'}`}
            address={label || undefined}
          />
        )}

        {canEdit && (
          <div className="flex flex-wrap items-center gap-2">
            {!placing ? (
              <Button size="sm" variant="secondary" onClick={() => setPlacing(true)}>
                Placer l’épingle
              </Button>
            ) : (
              <>
                <p className="w-full text-sm text-slate-700">
                  Touchez la carte ou faites glisser l’épingle à l’emplacement exact, puis enregistrez.
                </p>
                <Button size="sm" onClick={save} disabled={!draft || saving} aria-busy={saving || undefined}>
                  {saving ? 'Enregistrement…' : 'Enregistrer la position'}
                </Button>
                <Button
                  size="sm"
                  variant="ghost"
                  onClick={() => {
                    setPlacing(false);
                    setDraft(null);
                  }}
                >
                  Annuler
                </Button>
              </>
            )}
          </div>
        )}
        <p className="text-xs text-slate-500">Communes : GeoNames.org (CC BY 4.0) et Base Adresse Nationale.</p>
      </div>
    </Card>
  );
}
