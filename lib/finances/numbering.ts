import { sql } from 'drizzle-orm';
import type { Tx } from '@/db';
import { num, sqlRows } from '@/lib/analytics/sql';
import { PARIS_TIME_ZONE } from '@/lib/paris-time';

/**
 * The next number of an invoice series, `F-<year>-<n>` (year of issue in Paris), gap-free as French
 * invoicing requires: numbers are taken inside the transaction that inserts the invoice, behind a
 * per-series advisory lock, so two concurrent invoices never get the same number and a rolled-back
 * one leaves no hole. Numbers typed by hand into the same series are counted (the highest wins).
 */
export async function nextInvoiceNumber(tx: Tx, issuedAt: Date): Promise<string> {
  const year = new Intl.DateTimeFormat('en', { timeZone: PARIS_TIME_ZONE, year: 'numeric' }).format(issuedAt);
  const prefix = `F-${year}-`;
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`c360:invoice-series:${prefix}`}))`);
  const [row] = await sqlRows<{ last: number | null }>(
    tx,
    sql`select max(substring(number from ${`^${prefix}(\\d{1,9})$`})::bigint)::float8 as last
      from invoices where number like ${`${prefix}%`}`,
  );
  return `${prefix}${String(num(row?.last) + 1).padStart(6, '0')}`;
}
