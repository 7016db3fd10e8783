'use client';

import { useSyncExternalStore } from 'react';
import { Badge } from '@/components/ui/badge';
import { formatDateTime } from '@/components/ui/format';
import { CACHED_COPY_META } from '@/lib/offline/cache-policy';
import { useOffline } from './offline-provider';

/**
 * « Hors ligne — données du … »: shown while the device is offline, with the date of what is on screen
 * (the copy the service worker answered with, else the moment the page was loaded). A page answered
 * from the cache while online (slow network) carries the stale marker too.
 */
const noSubscription = () => () => {};

export function OfflineBanner() {
  const offline = useOffline();
  // Read once from the document (the worker wrote it); nothing on the server.
  const meta = useSyncExternalStore(
    noSubscription,
    () => document.querySelector<HTMLMetaElement>(`meta[name="${CACHED_COPY_META}"]`)?.content ?? '',
    () => null,
  );
  const loadedAt = useSyncExternalStore(
    noSubscription,
    () => performance.timeOrigin,
    () => null,
  );
  if (!offline || meta === null || loadedAt === null) return null;
  const cachedAt = meta ? new Date(meta) : null;
  const copy =
    cachedAt && !Number.isNaN(cachedAt.getTime())
      ? { at: cachedAt, cached: true }
      : { at: new Date(loadedAt), cached: false };
  if (offline.online && !copy.cached) return null;
  return (
    <div
      role="status"
      data-testid="offline-banner"
      className="mb-3 flex flex-wrap items-center gap-2 rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-950"
    >
      <span className="font-medium">
        {offline.online ? 'Connexion lente' : 'Hors ligne'} — données du {formatDateTime(copy.at)}
      </span>
      {copy.cached && (
        <Badge tone="warning">
          <span data-testid="stale-marker">Copie enregistrée, peut ne pas être à jour</span>
        </Badge>
      )}
    </div>
  );
}
