'use client';

import { useEffect, useState } from 'react';
import { useOffline, tellWorker } from './offline-provider';

/**
 * Ma journée: while online, the pages of the day's visits (customer, intervention) are loaded into the
 * service worker's cache, so the technician can open them later without a network.
 */
export function WarmOffline({ urls, customerIds, stamp }: { urls: string[]; customerIds: string[]; stamp: string }) {
  const offline = useOffline();
  // Loaded again when a visit changes (started, rescheduled): the kept copy follows it.
  const key = `${urls.join(' ')}#${stamp}`;
  const [readyKey, setReadyKey] = useState<string | null>(null);

  useEffect(() => {
    if (!offline) return;
    let cancelled = false;
    void offline.workerReady.then(async (hasWorker) => {
      if (!hasWorker || !navigator.onLine || cancelled) return;
      const here = `${location.pathname}${location.search}`;
      await tellWorker({ type: 'warm', urls: [here, ...urls], customerIds }, 60_000);
      if (!cancelled) setReadyKey(key);
    });
    return () => {
      cancelled = true;
    };
    // urls and customerIds are summed up by key (the same day, the same versions).
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key, offline?.workerReady]);

  if (readyKey !== key) return null;
  return (
    <p className="text-xs text-slate-600" data-testid="offline-ready">
      Journée disponible hors ligne.
    </p>
  );
}
