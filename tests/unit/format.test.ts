import { describe, expect, it } from 'vitest';
import {
  dayKey,
  formatBytes,
  formatDate,
  formatDateTime,
  formatMoney,
  formatNumber,
  formatPercent,
  formatRelative,
  formatTime,
} from '@/components/ui/format';

// Intl fr-FR uses narrow no-break spaces (U+202F) for grouping and before the currency sign.
const plain = (s: string) => s.replace(/[\u202f\u00a0]/g, ' ');

describe('formatMoney (integer cents → EUR, fr-FR)', () => {
  it('formats cents with comma decimals, grouped thousands and a trailing euro sign', () => {
    expect(plain(formatMoney(123456))).toBe('1 234,56 €');
    expect(plain(formatMoney(5))).toBe('0,05 €');
    expect(plain(formatMoney(0))).toBe('0,00 €');
    expect(plain(formatMoney(-9900))).toBe('-99,00 €');
    expect(plain(formatMoney(100_000_000))).toBe('1 000 000,00 €');
  });
  it('rounds to whole euros on request', () => {
    expect(plain(formatMoney(123456, { decimals: 0 }))).toBe('1 235 €');
  });
  it('accepts bigint and shows a dash for missing values', () => {
    expect(plain(formatMoney(250n))).toBe('2,50 €');
    expect(formatMoney(null)).toBe('—');
    expect(formatMoney(undefined)).toBe('—');
    expect(formatMoney(Number.NaN)).toBe('—');
  });
});

describe('dates in Europe/Paris', () => {
  it('formats a date in the Paris day, not the UTC day', () => {
    // 23:30 UTC on 31 Dec is already 1 Jan in Paris (UTC+1 in winter).
    expect(formatDate('2024-12-31T23:30:00Z')).toBe('01/01/2025');
    expect(dayKey('2024-12-31T23:30:00Z')).toBe('2025-01-01');
  });
  it('formats long dates with French month names', () => {
    expect(formatDate(new Date('2025-03-14T10:00:00Z'), 'long')).toBe('14 mars 2025');
  });
  it('formats date-times with the summer offset', () => {
    // 14 July: UTC+2.
    expect(formatDateTime('2025-07-14T08:05:00Z')).toBe('14/07/2025 10:05');
    expect(formatTime('2025-07-14T08:05:00Z')).toBe('10:05');
  });
  it('returns a dash for empty or invalid input', () => {
    expect(formatDate(null)).toBe('—');
    expect(formatDate('not a date')).toBe('—');
    expect(formatDateTime(undefined)).toBe('—');
    expect(dayKey(null)).toBe('');
  });
});

describe('numbers, percentages and sizes', () => {
  it('formats numbers with French separators', () => {
    expect(plain(formatNumber(12345.67))).toBe('12 345,7');
    expect(plain(formatNumber(12345.67, 2))).toBe('12 345,67');
    expect(formatNumber(null)).toBe('—');
  });
  it('formats ratios as percentages', () => {
    expect(plain(formatPercent(0.125))).toBe('12,5 %');
  });
  it('formats byte sizes in octets (base 1024)', () => {
    expect(plain(formatBytes(0))).toBe('0 o');
    expect(plain(formatBytes(512))).toBe('512 o');
    expect(plain(formatBytes(1536))).toBe('1,5 Ko');
    expect(plain(formatBytes(20 * 1024 * 1024))).toBe('20 Mo');
    expect(formatBytes(-1)).toBe('—');
  });
});

describe('formatRelative', () => {
  const now = new Date('2025-03-14T12:00:00Z');
  it('describes past and future distances in French', () => {
    expect(formatRelative('2025-03-14T11:59:30Z', now)).toBe('à l’instant');
    expect(formatRelative('2025-03-14T11:55:00Z', now)).toBe('il y a 5 minutes');
    expect(formatRelative('2025-03-14T14:00:00Z', now)).toBe('dans 2 heures');
    expect(formatRelative('2025-03-13T12:00:00Z', now)).toBe('hier');
    expect(formatRelative('2025-03-11T12:00:00Z', now)).toBe('il y a 3 jours');
    expect(formatRelative('2024-03-10T12:00:00Z', now)).toBe('l’année dernière');
  });
  it('returns a dash for invalid input', () => {
    expect(formatRelative('nope', now)).toBe('—');
  });
});
