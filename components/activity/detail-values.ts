/**
 * Building blocks of the timeline's detail lines (./activity-details.ts): value helpers, and the
 * generic renderer for entries recorded by hand, whose metadata an API client chose.
 */
import { formatDateTime, formatMoney, formatNumber, frenchText } from '@/components/ui/format';
import { nationalFrenchPhone } from '@/components/ui/format/typography';

export interface DetailLine {
  label: string;
  value: string;
  /** The value is a link (an invoice number leads to the invoice). */
  href?: string;
}

export type Meta = Record<string, unknown>;

export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;

export const str = (v: unknown): string | null => (typeof v === 'string' && v.trim() !== '' ? v : null);
export const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);
export const yesNo = (v: unknown) => (v ? 'oui' : 'non');
export const label = <K extends string>(labels: Record<K, string>, v: unknown): string | null =>
  typeof v === 'string' && v in labels ? labels[v as K] : null;
export const plural = (n: number, one: string, many = `${one}s`) => `${formatNumber(n, 0)} ${n > 1 ? many : one}`;

/** A value as words: dates in fr-FR, booleans oui/non, E.164 phones in national format; ids never. */
export function showValue(v: unknown): string | null {
  if (v === null || v === undefined || v === '') return null;
  if (typeof v === 'boolean') return yesNo(v);
  if (typeof v === 'number') return formatNumber(v, 2);
  if (typeof v !== 'string') return null;
  if (UUID.test(v)) return null;
  if (ISO_DATE.test(v)) return formatDateTime(v);
  if (/^\+\d{8,15}$/.test(v)) return nationalFrenchPhone(v);
  return frenchText(v, { decimals: false });
}

export function push(lines: DetailLine[], labelText: string, value: string | null | undefined, href?: string) {
  if (value) lines.push(href ? { label: labelText, value, href } : { label: labelText, value });
}

export const money = (v: unknown) => (num(v) == null ? null : formatMoney(num(v)));

const MANUAL_LABELS: Record<string, string> = {
  durationMin: 'Durée',
  direction: 'Sens',
  outcome: 'Résultat',
  subject: 'Objet',
  location: 'Lieu',
};
const DIRECTION: Record<string, string> = { outbound: 'appel sortant', inbound: 'appel entrant' };
const INTERNAL_KEYS = new Set(['manual', 'outboxId', 'subject', 'to', 'purpose', 'status', 'error']);

/** "someKey" / "some_key" → "Some key" (metadata an API client chose; shown, but never as code). */
function humanizeKey(key: string): string {
  const words = key
    .replace(/([a-z\d])([A-Z])/g, '$1 $2')
    .replace(/[_\-.]+/g, ' ')
    .trim()
    .toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** Calls, visits, notes and other entries recorded by hand: their free metadata, in words. */
export function manual(m: Meta): DetailLine[] {
  const lines: DetailLine[] = [];
  for (const [key, value] of Object.entries(m)) {
    if (INTERNAL_KEYS.has(key) || /Id$|^id$/.test(key) || (value !== null && typeof value === 'object')) continue;
    if (key === 'durationMin' && num(value) != null) {
      push(lines, 'Durée', `${formatNumber(num(value), 0)}\u202fmin`);
      continue;
    }
    if (key === 'direction') {
      push(lines, 'Sens', label(DIRECTION, value));
      continue;
    }
    if (/Cents$/.test(key)) {
      push(lines, humanizeKey(key.replace(/Cents$/, '')), money(value));
      continue;
    }
    push(lines, MANUAL_LABELS[key] ?? humanizeKey(key), showValue(value));
  }
  return lines;
}
