/// <reference lib="webworker" />
/**
 * The service worker (Serwist), built by lib/cli/build-sw.ts into public/sw.js after `next build`.
 * - Precache: the static JS/CSS of the build (the technician's pages among them), fonts, icons.
 * - The technician's pages and the reads behind them (lib/offline/cache-policy.ts): network first
 *   with a short timeout, the cached copy when offline; a copy served is marked in the page (meta tag
 *   read by the offline banner). Entries older than 7 days are dropped; only the last 20 customers
 *   opened stay, besides those of the day.
 * - Every cached page or read belongs to the signed-in user: the pages tell the worker who it is, and
 *   sign-out or another user empties the caches.
 */
import type { PrecacheEntry, SerwistPlugin } from 'serwist';
import { ExpirationPlugin, NetworkFirst, NetworkOnly, Serwist, StaleWhileRevalidate } from 'serwist';
import {
  API_CACHE,
  CACHED_COPY_META,
  customerOf,
  DATA_MAX_AGE_SECONDS,
  isOfflineApiRead,
  isOfflinePage,
  META_CACHE,
  OFFLINE_FALLBACK,
  PAGES_CACHE,
  touchRecent,
  USER_DATA_CACHES,
  type WorkerMessage,
} from '@/lib/offline/cache-policy';

declare const self: ServiceWorkerGlobalScope & { __SW_MANIFEST: (PrecacheEntry | string)[] | undefined };

const USER_KEY = '/__c360/user';
const RECENT_KEY = '/__c360/recent';
const PINNED_KEY = '/__c360/pinned';

async function readMeta<T>(key: string, fallback: T): Promise<T> {
  const res = await (await caches.open(META_CACHE)).match(key);
  return res ? ((await res.json()) as T) : fallback;
}

async function writeMeta(key: string, value: unknown): Promise<void> {
  await (await caches.open(META_CACHE)).put(key, Response.json(value));
}

async function clearUserData(): Promise<void> {
  await Promise.all(USER_DATA_CACHES.map((name) => caches.delete(name)));
}

/** Drops every cached entry of the customers pushed out of the « last 20 opened » list. */
async function evictCustomers(ids: string[]): Promise<void> {
  if (!ids.length) return;
  const pinned = new Set(await readMeta<string[]>(PINNED_KEY, []));
  const gone = new Set(ids.filter((id) => !pinned.has(id)));
  for (const name of [PAGES_CACHE, API_CACHE]) {
    const cache = await caches.open(name);
    for (const request of await cache.keys()) {
      const id = customerOf(new URL(request.url).pathname);
      if (id && gone.has(id)) await cache.delete(request);
    }
  }
}

/** Only real answers are kept: never a redirect (to the sign-in page) or an error page. */
const onlyOwnAnswers: SerwistPlugin = {
  cacheWillUpdate: async ({ request, response }) =>
    response.status === 200 && !response.redirected && response.url.split('?')[0] === request.url.split('?')[0]
      ? response
      : null,
};

const recentCustomers: SerwistPlugin = {
  cacheDidUpdate: async ({ request }) => {
    const id = customerOf(new URL(request.url).pathname);
    if (!id) return;
    const { recent, evicted } = touchRecent(await readMeta<string[]>(RECENT_KEY, []), id);
    await writeMeta(RECENT_KEY, recent);
    await evictCustomers(evicted);
  },
};

/** A page answered from the cache says so (and since when): the offline banner reads it. */
const markCachedCopy: SerwistPlugin = {
  cachedResponseWillBeUsed: async ({ cachedResponse }) => {
    if (!cachedResponse) return cachedResponse;
    const since = cachedResponse.headers.get('date') ?? new Date().toUTCString();
    const html = await cachedResponse.text();
    const meta = `<meta name="${CACHED_COPY_META}" content="${new Date(since).toISOString()}">`;
    const headers = new Headers(cachedResponse.headers);
    headers.delete('content-length');
    return new Response(html.replace('<head>', `<head>${meta}`), { status: 200, headers });
  },
};

const expiration = () => new ExpirationPlugin({ maxAgeSeconds: DATA_MAX_AGE_SECONDS, purgeOnQuotaError: true });

const pages = new NetworkFirst({
  cacheName: PAGES_CACHE,
  // A slow signal in a car park: the copy after 4 s rather than a blank screen.
  networkTimeoutSeconds: 4,
  matchOptions: { ignoreVary: true },
  plugins: [onlyOwnAnswers, expiration(), recentCustomers, markCachedCopy],
});

const apiReads = new StaleWhileRevalidate({
  cacheName: API_CACHE,
  plugins: [onlyOwnAnswers, expiration(), recentCustomers],
});

const serwist = new Serwist({
  precacheEntries: self.__SW_MANIFEST,
  skipWaiting: true,
  clientsClaim: true,
  navigationPreload: false,
  // A page not kept on the device shows the precached « Hors ligne » page instead of the browser's error.
  fallbacks: { entries: [{ url: OFFLINE_FALLBACK, matcher: ({ request }) => request.mode === 'navigate' }] },
  runtimeCaching: [
    {
      // Full page loads only: client-side navigations (RSC requests) fall back to a full load offline.
      matcher: ({ request, url, sameOrigin }) =>
        sameOrigin && request.mode === 'navigate' && isOfflinePage(url.pathname),
      handler: pages,
    },
    {
      matcher: ({ request, url, sameOrigin }) =>
        sameOrigin && request.method === 'GET' && isOfflineApiRead(url.pathname),
      handler: apiReads,
    },
    {
      matcher: ({ request, sameOrigin }) => sameOrigin && request.mode === 'navigate',
      handler: new NetworkOnly(),
    },
  ],
});

/** Loads the day's pages into the cache while online (the customers of the day stay, whatever the LRU). */
async function warm(urls: string[], customerIds: string[], event: ExtendableMessageEvent): Promise<void> {
  await writeMeta(PINNED_KEY, customerIds);
  for (const url of urls) {
    const request = new Request(new URL(url, self.location.origin), {
      credentials: 'same-origin',
      redirect: 'manual',
      headers: { Accept: 'text/html' },
    });
    await pages.handle({ request, event }).catch(() => undefined);
  }
}

async function onMessage(message: WorkerMessage, event: ExtendableMessageEvent): Promise<void> {
  if (message.type === 'sign-out') return clearUserData();
  if (message.type === 'user') {
    const previous = await readMeta<string | null>(USER_KEY, null);
    if (previous !== message.userId) {
      await clearUserData();
      await writeMeta(USER_KEY, message.userId);
    }
    return;
  }
  if (message.type === 'warm') return warm(message.urls, message.customerIds, event);
}

self.addEventListener('message', (event) => {
  const message = event.data as WorkerMessage;
  const done = onMessage(message, event).then(
    () => event.ports[0]?.postMessage({ ok: true }),
    () => event.ports[0]?.postMessage({ ok: false }),
  );
  event.waitUntil(done);
});

serwist.addEventListeners();
