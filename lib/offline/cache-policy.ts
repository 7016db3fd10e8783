/**
 * What the service worker may keep for offline reading (pure functions, shared by the worker and its
 * tests). Only the technician's field pages and the reads behind them: never finances, analytics,
 * exports, administration or document downloads.
 */
/** Where the worker is served (built into public/ by lib/cli/build-sw.ts). */
export const SW_URL = '/sw.js';
export const SW_OUTPUT = `public${SW_URL}`;

/** The static page shown for a page not kept on the device (precached). */
export const OFFLINE_FALLBACK = '/hors-ligne';

export const DATA_MAX_AGE_SECONDS = 7 * 24 * 60 * 60;
export const RECENT_CUSTOMERS = 20;

/** Caches holding the signed-in user's data: emptied on sign-out and when another user signs in. */
export const PAGES_CACHE = 'c360-pages';
export const API_CACHE = 'c360-api';
export const META_CACHE = 'c360-meta';
export const USER_DATA_CACHES = [PAGES_CACHE, API_CACHE, META_CACHE] as const;

const ID = '[0-9a-fA-F-]{36}';
const CUSTOMER_PAGES = new RegExp(
  `^/customers/(${ID})(?:/(?:interventions(?:/${ID})?|documents|activity|consents))?/?$`,
);
const API_READS = new RegExp(
  `^/api/(?:interventions|customers/(${ID})(?:/(?:contacts|vehicles|notes|documents|interventions(?:/${ID})?))?)/?$`,
);

export function isOfflinePage(pathname: string): boolean {
  return pathname === '/ma-journee' || CUSTOMER_PAGES.test(pathname);
}

export function isOfflineApiRead(pathname: string): boolean {
  return API_READS.test(pathname);
}

/** The customer a cached URL belongs to (for the « last 20 customers opened » rule). */
export function customerOf(pathname: string): string | null {
  return CUSTOMER_PAGES.exec(pathname)?.[1] ?? API_READS.exec(pathname)?.[1] ?? null;
}

/** Most recent first, without duplicates; the ones beyond the limit are returned to be evicted. */
export function touchRecent(recent: string[], customerId: string, limit = RECENT_CUSTOMERS) {
  const next = [customerId, ...recent.filter((id) => id !== customerId)];
  return { recent: next.slice(0, limit), evicted: next.slice(limit) };
}

/** Messages from the pages to the worker. */
export type WorkerMessage =
  { type: 'user'; userId: string } | { type: 'sign-out' } | { type: 'warm'; urls: string[]; customerIds: string[] };

/** The meta tag the worker adds to a page it answers from its cache: when that copy was made. */
export const CACHED_COPY_META = 'c360-cached-copy';
