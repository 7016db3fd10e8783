'use client';

import { useRouter } from 'next/navigation';
import {
  createContext,
  type ReactNode,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useRef,
  useState,
  useSyncExternalStore,
} from 'react';
import { SW_URL, type WorkerMessage } from '@/lib/offline/cache-policy';
import type { QueuedWrite } from '@/lib/offline/forms';
import type { QueueDb, QueuedItem } from '@/lib/offline/queue';

export const QUEUED_MESSAGE = 'Hors ligne : enregistré sur l’appareil, en attente d’envoi.';
// Transient failures (server down, session expired) are tried again on this rhythm while online.
const RETRY_EVERY_MS = 30_000;

export interface OfflineApi {
  userId: string;
  online: boolean;
  items: QueuedItem[];
  syncing: boolean;
  /** Keeps a write for later; it is sent at once when the network allows. */
  queue: (write: QueuedWrite) => Promise<void>;
  retry: (id: string) => Promise<void>;
  discard: (id: string) => Promise<void>;
  sendNow: () => Promise<void>;
  /** Resolves once the service worker knows this user (false: no worker). */
  workerReady: Promise<boolean>;
  /** Sign-out: this user's cached pages and unsent writes are removed from the device. */
  forget: () => Promise<void>;
}

function subscribeOnline(onChange: () => void) {
  window.addEventListener('online', onChange);
  window.addEventListener('offline', onChange);
  return () => {
    window.removeEventListener('online', onChange);
    window.removeEventListener('offline', onChange);
  };
}

const OfflineContext = createContext<OfflineApi | null>(null);

// The queue (idb and its IndexedDB code) is its own chunk: fetched once the page has loaded, or at the first
// write kept offline, never with the page. The service worker precaches it like every chunk of the build.
const loadQueue = () => import('@/lib/offline/queue');

/**
 * Runs `work` once the page has loaded and the main thread is idle (4 s at most), so the field-mode start-up
 * (service worker registration and its precache, IndexedDB) never competes with the page's own hydration.
 * Returns the cancel function for an effect's cleanup.
 */
function afterLoad(work: () => void): () => void {
  let cancelIdle = () => {};
  const schedule = () => {
    if (typeof window.requestIdleCallback === 'function') {
      const handle = window.requestIdleCallback(work, { timeout: 4000 });
      cancelIdle = () => window.cancelIdleCallback(handle);
    } else {
      const handle = setTimeout(work, 200);
      cancelIdle = () => clearTimeout(handle);
    }
  };
  if (document.readyState === 'complete') schedule();
  else window.addEventListener('load', schedule, { once: true });
  return () => {
    window.removeEventListener('load', schedule);
    cancelIdle();
  };
}

export function useOffline(): OfflineApi | null {
  return useContext(OfflineContext);
}

/** True when a failed call is the network's fault (offline, DNS, connection reset), not the server's answer. */
export function isNetworkFailure(error: unknown): boolean {
  return error instanceof TypeError || (typeof navigator !== 'undefined' && !navigator.onLine);
}

/** Posts to the active worker and waits for its acknowledgement (1 s at most when it is busy or absent). */
export async function tellWorker(message: WorkerMessage, timeoutMs = 10_000): Promise<void> {
  if (!('serviceWorker' in navigator)) return;
  const registration = await Promise.race([
    navigator.serviceWorker.getRegistration(),
    new Promise<undefined>((r) => setTimeout(r, 1000)),
  ]);
  const worker = registration?.active;
  if (!worker) return;
  await new Promise<void>((resolve) => {
    const channel = new MessageChannel();
    const timer = setTimeout(resolve, timeoutMs);
    channel.port1.onmessage = () => {
      clearTimeout(timer);
      resolve();
    };
    worker.postMessage(message, [channel.port2]);
  });
}

/**
 * Field mode for the signed-in user: registers the service worker (production builds, or SW_DEV=1),
 * tells it who is signed in (another user's cached data is dropped), and replays the queued writes
 * when the connection returns. The previous user's queue is cleared when another one signs in.
 * All of this starts after the page's load (afterLoad); a write queued before then opens the queue itself.
 */
export function OfflineProvider({
  userId,
  serviceWorker,
  children,
}: {
  userId: string;
  serviceWorker: boolean;
  children: ReactNode;
}) {
  const router = useRouter();
  const [items, setItems] = useState<QueuedItem[]>([]);
  const online = useSyncExternalStore(
    subscribeOnline,
    () => navigator.onLine,
    () => true,
  );
  const [syncing, setSyncing] = useState(false);
  const dbRef = useRef<Promise<QueueDb> | null>(null);
  const running = useRef<Promise<void> | null>(null);
  const [worker] = useState(() => {
    let resolve!: (ready: boolean) => void;
    const ready = new Promise<boolean>((r) => (resolve = r));
    return { ready, resolve };
  });

  const db = useCallback(() => (dbRef.current ??= loadQueue().then((q) => q.openQueue())), []);
  const refresh = useCallback(
    async () => setItems(await (await loadQueue()).listItems(await db(), userId)),
    [db, userId],
  );

  const sendNow = useCallback(async () => {
    if (!navigator.onLine) return;
    // One replay at a time in this tab, and across tabs where the browser has Web Locks.
    running.current ??= (async () => {
      setSyncing(true);
      try {
        const { replay } = await loadQueue();
        const run = async () =>
          replay(await db(), userId, { fetch: (r) => fetch(r), origin: location.origin, onChange: refresh });
        const result = navigator.locks ? await navigator.locks.request('c360-queue', run) : await run();
        if (result.sent > 0) router.refresh();
      } finally {
        setSyncing(false);
        running.current = null;
        await refresh();
      }
    })();
    return running.current;
  }, [db, refresh, router, userId]);

  useEffect(() => {
    const up = () => void sendNow();
    window.addEventListener('online', up);
    let timer: ReturnType<typeof setInterval> | undefined;
    const cancel = afterLoad(() => {
      // Another user's unsent writes never go out under this session.
      void Promise.all([loadQueue(), db()])
        .then(([q, d]) => q.clearItems(d, { except: userId }))
        .then(() => sendNow());
      timer = setInterval(() => void sendNow(), RETRY_EVERY_MS);
    });
    return () => {
      cancel();
      window.removeEventListener('online', up);
      clearInterval(timer);
    };
  }, [db, sendNow, userId]);

  useEffect(() => {
    if (!serviceWorker || !('serviceWorker' in navigator)) return worker.resolve(false);
    // Registered after the load: the first install precaches the build's chunks, which must not take the
    // network from the page being shown.
    return afterLoad(() => {
      navigator.serviceWorker
        .register(SW_URL, { scope: '/' })
        .then(() => navigator.serviceWorker.ready)
        // Before anything is cached for this user, the worker drops another user's data.
        .then(() => tellWorker({ type: 'user', userId }))
        .then(() => worker.resolve(true))
        .catch((error: unknown) => {
          console.warn('[offline] service worker not registered', error);
          worker.resolve(false);
        });
    });
  }, [serviceWorker, userId, worker]);

  const api = useMemo<OfflineApi>(
    () => ({
      userId,
      online,
      items,
      syncing,
      workerReady: worker.ready,
      queue: async (write) => {
        await (await loadQueue()).enqueue(await db(), { ...write, userId });
        await refresh();
        void sendNow();
      },
      retry: async (id) => {
        await (await loadQueue()).retryItem(await db(), id);
        await refresh();
        void sendNow();
      },
      discard: async (id) => {
        await (await loadQueue()).discardItem(await db(), id);
        await refresh();
      },
      sendNow,
      forget: async () => {
        await (await loadQueue()).clearItems(await db(), { userId });
        await tellWorker({ type: 'sign-out' });
        await refresh();
      },
    }),
    [db, items, online, refresh, sendNow, syncing, userId, worker.ready],
  );

  return <OfflineContext.Provider value={api}>{children}</OfflineContext.Provider>;
}
