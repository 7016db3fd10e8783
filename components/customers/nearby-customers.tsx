'use client';
/**
 * "Clients autour de moi": asks the browser position (or a postal code / commune when refused),
 * lists the nearest customers (GET /api/customers/nearby) as cards with distance, call and maps
 * links, and shows them on the lazy map.
 */
import Link from 'next/link';
import { type FormEvent, useCallback, useId, useRef, useState } from 'react';
import { CustomerMap } from '@/components/map/customer-map';
import { Button, buttonClasses } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/empty-state';
import { inputClasses } from '@/components/ui/field';
import { formatDistance } from '@/lib/geo/haversine';
import { geoUri, osmUrl } from '@/lib/geo/links';
import type { NearbyCustomer } from '@/lib/geo/nearby';

type Origin = { lat: number; lon: number; label: string };

const RADII = [5, 10, 25, 50, 100];
const GEO_ERRORS: Record<number, string> = {
  1: 'Localisation refusée. Autorisez-la dans le navigateur, ou saisissez un code postal ci-dessous.',
  2: 'Position indisponible (pas de signal). Saisissez un code postal ci-dessous.',
  3: 'La localisation a pris trop de temps. Réessayez ou saisissez un code postal.',
};

export function NearbyCustomers({ tileUrl }: { tileUrl: string }) {
  const id = useId();
  const [origin, setOrigin] = useState<Origin | null>(null);
  const [radiusKm, setRadiusKm] = useState(25);
  const [items, setItems] = useState<NearbyCustomer[] | null>(null);
  const [loading, setLoading] = useState(false);
  const [locating, setLocating] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [place, setPlace] = useState('');

  const abort = useRef<AbortController | null>(null);
  const search = useCallback((o: Origin, radius: number) => {
    abort.current?.abort();
    const controller = new AbortController();
    abort.current = controller;
    setOrigin(o);
    setLoading(true);
    const qs = new URLSearchParams({ lat: String(o.lat), lon: String(o.lon), radiusKm: String(radius), limit: '50' });
    fetch(`/api/customers/nearby?${qs}`, { signal: controller.signal })
      .then(async (res) => {
        const body = await res.json();
        if (!res.ok) throw new Error(body?.error?.message ?? 'Recherche impossible.');
        setItems(body.data as NearbyCustomer[]);
        setError(null);
      })
      .catch((e: Error) => {
        if (e.name !== 'AbortError') setError(e.message || 'Recherche impossible (connexion ?).');
      })
      .finally(() => {
        if (abort.current === controller) setLoading(false);
      });
  }, []);

  const locate = useCallback(() => {
    if (!('geolocation' in navigator)) {
      setError('Ce navigateur ne donne pas accès à la position. Saisissez un code postal ci-dessous.');
      return;
    }
    setLocating(true);
    setError(null);
    navigator.geolocation.getCurrentPosition(
      (pos) => {
        setLocating(false);
        search({ lat: pos.coords.latitude, lon: pos.coords.longitude, label: 'Ma position' }, radiusKm);
      },
      (err) => {
        setError(GEO_ERRORS[err.code] ?? 'Position indisponible.');
        setLocating(false);
      },
      { enableHighAccuracy: true, timeout: 15000, maximumAge: 60000 },
    );
  }, [radiusKm, search]);

  async function searchPlace(e: FormEvent) {
    e.preventDefault();
    const q = place.trim();
    if (q.length < 2) {
      setError('Saisissez au moins 2 caractères (code postal ou commune).');
      return;
    }
    try {
      const res = await fetch(`/api/postal-codes?q=${encodeURIComponent(q)}&limit=1`);
      const body = await res.json();
      const first = body?.data?.[0];
      if (!res.ok || !first) {
        setError(`Aucune commune trouvée pour « ${q} ».`);
        return;
      }
      setError(null);
      search({ lat: first.latitude, lon: first.longitude, label: `${first.postalCode} ${first.city}` }, radiusKm);
    } catch {
      setError('Recherche impossible (pas de connexion ?).');
    }
  }

  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-end gap-3 rounded-lg border border-slate-200 bg-white p-4">
        <Button onClick={locate} disabled={locating} aria-busy={locating || undefined}>
          {locating ? 'Localisation…' : 'Utiliser ma position'}
        </Button>
        <div className="space-y-1">
          <label htmlFor={`${id}-radius`} className="block text-sm font-medium text-slate-800">
            Rayon
          </label>
          <select
            id={`${id}-radius`}
            value={radiusKm}
            onChange={(e) => {
              const r = Number(e.target.value);
              setRadiusKm(r);
              if (origin) search(origin, r);
            }}
            className={inputClasses(false, 'w-32')}
          >
            {RADII.map((r) => (
              <option key={r} value={r}>
                {r} km
              </option>
            ))}
          </select>
        </div>
        <form onSubmit={searchPlace} className="flex flex-wrap items-end gap-2">
          <div className="space-y-1">
            <label htmlFor={`${id}-place`} className="block text-sm font-medium text-slate-800">
              Ou autour d’un code postal / d’une commune
            </label>
            <input
              id={`${id}-place`}
              value={place}
              onChange={(e) => setPlace(e.target.value)}
              placeholder="69002 ou Lyon"
              className={inputClasses(false, 'w-56')}
            />
          </div>
          <Button type="submit" variant="secondary">
            Chercher
          </Button>
        </form>
      </div>

      {error && (
        <p role="alert" className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
          {error}
        </p>
      )}

      {origin && (
        <p className="text-sm text-slate-700" role="status">
          {loading
            ? 'Recherche…'
            : items
              ? `${items.length} client(s) à moins de ${radiusKm} km de ${origin.label === 'Ma position' ? 'vous' : origin.label}.`
              : ''}
        </p>
      )}

      {origin && items && (
        <CustomerMap
          tileUrl={tileUrl}
          center={{ lat: origin.lat, lon: origin.lon }}
          zoom={11}
          fitToMarkers
          className="h-72"
          ariaLabel="Carte des clients proches"
          markers={[
            { id: 'me', lat: origin.lat, lon: origin.lon, label: origin.label, tone: 'me' },
            ...items.map((c) => ({
              id: c.id,
              lat: c.latitude,
              lon: c.longitude,
              label: `${c.displayName} — ${formatDistance(c.distanceKm)}`,
              href: `/customers/${c.id}`,
            })),
          ]}
        />
      )}

      {!origin && !error && (
        <EmptyState
          title="Où êtes-vous ?"
          description="Touchez « Utiliser ma position » ou saisissez un code postal."
        />
      )}
      {origin && items && items.length === 0 && !loading && (
        <EmptyState title="Aucun client dans ce rayon" description="Élargissez le rayon de recherche." />
      )}

      {items && items.length > 0 && (
        <ul className="grid gap-3 sm:grid-cols-2">
          {items.map((c) => {
            const phone = c.mobile ?? c.phone;
            const point = { lat: c.latitude, lon: c.longitude };
            return (
              <li key={c.id} className="rounded-lg border border-slate-200 bg-white p-3 shadow-sm">
                <div className="flex items-start justify-between gap-2">
                  <Link
                    href={`/customers/${c.id}`}
                    className="font-medium text-blue-800 underline-offset-2 hover:underline"
                  >
                    {c.displayName}
                  </Link>
                  <span className="shrink-0 text-sm font-semibold text-slate-900">{formatDistance(c.distanceKm)}</span>
                </div>
                <p className="text-sm text-slate-700">
                  {[c.addressLine1, [c.postalCode, c.city].filter(Boolean).join(' ')].filter(Boolean).join(', ') || '—'}
                </p>
                {c.geocodePrecision === 'commune' && (
                  <p className="text-xs text-slate-500">Position approximative (centre de la commune)</p>
                )}
                <div className="mt-2 flex flex-wrap gap-2">
                  {phone && (
                    <a href={`tel:${phone}`} className={buttonClasses('secondary', 'sm')}>
                      Appeler
                    </a>
                  )}
                  <a href={geoUri(point, c.displayName)} className={buttonClasses('secondary', 'sm')}>
                    Ouvrir dans Plans
                  </a>
                  <a
                    href={osmUrl(point)}
                    target="_blank"
                    rel="noopener noreferrer"
                    className={buttonClasses('ghost', 'sm')}
                  >
                    OpenStreetMap
                  </a>
                </div>
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}
