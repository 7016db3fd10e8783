/**
 * fr-FR display helpers (Europe/Paris time zone). Pure functions, usable on server and client.
 * Every helper accepts null/undefined and returns '—' for "no value".
 *   formatDate(d)            → '14/03/2025'          formatDate(d, 'long') → '14 mars 2025'
 *   formatDateTime(d)        → '14/03/2025 09:05'
 *   formatTime(d)            → '09:05'
 *   formatMoney(123456)      → '1 234,56 €'  (integer cents; { decimals: 0 } → '1 235 €')
 *   formatNumber(12345.6)    → '12 345,6'    formatPercent(0.125) → '12,5 %'
 *   formatBytes(1536)        → '1,5 Ko'
 *   formatRelative(d, now?)  → 'il y a 3 jours', 'dans 2 heures', 'à l’instant'
 *   dayKey(d)                → '2025-03-14' (the Paris calendar day, for grouping timelines)
 *   frenchText(), labelValue(), quoted() (./typography), formatPhone() (./phone, imported on its own).
 * Note: Intl uses narrow no-break spaces (U+202F) as thousands separators and before '€' / '%'.
 */
import { NNBSP } from './typography';

export * from './typography';

export const LOCALE = 'fr-FR';
export const TIME_ZONE = 'Europe/Paris';
const EMPTY = '—';

type DateInput = Date | string | number | null | undefined;

function toDate(value: DateInput): Date | null {
  if (value === null || value === undefined || value === '') return null;
  const d = value instanceof Date ? value : new Date(value);
  return Number.isNaN(d.getTime()) ? null : d;
}

/**
 * Building an Intl formatter loads locale and time-zone data: ~40 ms for these six in a phone's browser,
 * paid by every page's start-up when built at import (the layout's offline banner imports this module).
 * Each is built on its first use instead, then kept.
 */
function once<T>(make: () => T): () => T {
  let value: T | undefined;
  return () => (value ??= make());
}

const dateShort = once(
  () => new Intl.DateTimeFormat(LOCALE, { timeZone: TIME_ZONE, day: '2-digit', month: '2-digit', year: 'numeric' }),
);
const dateLong = once(
  () => new Intl.DateTimeFormat(LOCALE, { timeZone: TIME_ZONE, day: 'numeric', month: 'long', year: 'numeric' }),
);
const dateTime = once(
  () =>
    new Intl.DateTimeFormat(LOCALE, {
      timeZone: TIME_ZONE,
      day: '2-digit',
      month: '2-digit',
      year: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
    }),
);
const timeOnly = once(
  () => new Intl.DateTimeFormat(LOCALE, { timeZone: TIME_ZONE, hour: '2-digit', minute: '2-digit' }),
);
const dayParts = once(
  () => new Intl.DateTimeFormat('en-CA', { timeZone: TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit' }),
);

export function formatDate(value: DateInput, style: 'short' | 'long' = 'short'): string {
  const d = toDate(value);
  if (!d) return EMPTY;
  return (style === 'long' ? dateLong : dateShort)().format(d);
}

export function formatDateTime(value: DateInput): string {
  const d = toDate(value);
  // fr-FR puts "dd/mm/yyyy hh:mm" (some ICU versions add " à "); normalise to a plain space.
  return d ? dateTime().format(d).replace(' à ', ' ').replace(',', '') : EMPTY;
}

export function formatTime(value: DateInput): string {
  const d = toDate(value);
  return d ? timeOnly().format(d) : EMPTY;
}

/** YYYY-MM-DD of the day in Paris (timeline grouping key). */
export function dayKey(value: DateInput): string {
  const d = toDate(value);
  return d ? dayParts().format(d) : '';
}

const moneyFormats = new Map<number, Intl.NumberFormat>();
function moneyFormat(decimals: number): Intl.NumberFormat {
  let f = moneyFormats.get(decimals);
  if (!f) {
    f = new Intl.NumberFormat(LOCALE, {
      style: 'currency',
      currency: 'EUR',
      minimumFractionDigits: decimals,
      maximumFractionDigits: decimals,
    });
    moneyFormats.set(decimals, f);
  }
  return f;
}

/** Integer cents → "1 234,56 €". */
export function formatMoney(cents: number | bigint | null | undefined, options: { decimals?: 0 | 2 } = {}): string {
  if (cents === null || cents === undefined) return EMPTY;
  const n = typeof cents === 'bigint' ? Number(cents) : cents;
  if (!Number.isFinite(n)) return EMPTY;
  return moneyFormat(options.decimals ?? 2).format(n / 100);
}

export function formatNumber(value: number | null | undefined, maximumFractionDigits = 1): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return EMPTY;
  return new Intl.NumberFormat(LOCALE, { maximumFractionDigits }).format(value);
}

/** 0.125 → "12,5 %". */
export function formatPercent(ratio: number | null | undefined, maximumFractionDigits = 1): string {
  if (ratio === null || ratio === undefined || !Number.isFinite(ratio)) return EMPTY;
  return new Intl.NumberFormat(LOCALE, { style: 'percent', maximumFractionDigits }).format(ratio);
}

const BYTE_UNITS = ['o', 'Ko', 'Mo', 'Go', 'To'];

/** French byte units (octets), base 1024: 1536 → "1,5 Ko". */
export function formatBytes(bytes: number | null | undefined): string {
  if (bytes === null || bytes === undefined || !Number.isFinite(bytes) || bytes < 0) return EMPTY;
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < BYTE_UNITS.length - 1) {
    value /= 1024;
    unit++;
  }
  const digits = unit === 0 || value >= 100 ? 0 : 1;
  return `${new Intl.NumberFormat(LOCALE, { maximumFractionDigits: digits }).format(value)}${NNBSP}${BYTE_UNITS[unit]}`;
}

const relative = once(() => new Intl.RelativeTimeFormat(LOCALE, { numeric: 'auto' }));
const STEPS: Array<[Intl.RelativeTimeFormatUnit, number]> = [
  ['year', 365 * 24 * 3600],
  ['month', 30 * 24 * 3600],
  ['week', 7 * 24 * 3600],
  ['day', 24 * 3600],
  ['hour', 3600],
  ['minute', 60],
];

/** "il y a 3 jours", "dans 2 heures", "hier"; under a minute → 'à l’instant'. */
export function formatRelative(value: DateInput, now: DateInput = new Date()): string {
  const d = toDate(value);
  const ref = toDate(now);
  if (!d || !ref) return EMPTY;
  const seconds = Math.round((d.getTime() - ref.getTime()) / 1000);
  const abs = Math.abs(seconds);
  if (abs < 60) return 'à l’instant';
  for (const [unit, size] of STEPS) {
    if (abs >= size) return relative().format(Math.trunc(seconds / size), unit);
  }
  return 'à l’instant';
}
