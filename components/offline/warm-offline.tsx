'use client';

import { useEffect, useState } from 'react';
import { useOffline, tellWorker } from './offline-provider';

/**
 * Ma journée: while online, the pages of the day's visits (customer, intervention) are loaded into the
 * service worker's cache, so the technician can open them later without a network.
 */
export function WarmOffline({ urls, customerIds }: { urls: string[]; customerIds: string[] }) {
  const offline = useOffline();
  const [ready, setReady] = useState(false);
  const key = urls.join(' ');

  useEffect(() => {
    if (!offline) return;
    let cancelled = false;
    void offline.workerReady.then(async (hasWorker) => {
      if (!hasWorker || !navigator.onLine || cancelled) return;
      const here = `${location.pathname}${location.search}`;
      await tellWorker({ type: 'warm', urls: [here, ...key.split(' ').filter(Boolean)], customerIds }, 60_000);
      if (!cancelled) setReady(true);
    });
    return () => {
      cancelled = true;
    };
    // customerIds follows urls (both come from the same day).
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key, offline?.workerReady]);

  if (!ready) return null;
  return (
    <p className="text-xs text-slate-600" data-testid="offline-ready">
      Journée disponible hors ligne.
    </p>
  );
}
