import { sql } from 'drizzle-orm';
import type { Tx } from '@/db';
import { creditNotes, invoices } from '@/db/schema';
import { num, sqlRows } from '@/lib/analytics/sql';
import { parisWallClock } from '@/lib/paris-time';

/** The numbered documents: each series lives in one table, under its own prefix. */
const SERIES = {
  invoice: { letters: 'F', table: invoices, number: invoices.number },
  creditNote: { letters: 'AV', table: creditNotes, number: creditNotes.number },
} as const;

/**
 * The next number of a yearly series, `<letters>-<year>-<n>` (year of issue in Paris), gap-free as French
 * invoicing requires: numbers are taken inside the transaction that inserts the document, behind a
 * per-series advisory lock held until it commits, so two concurrent documents never get the same number
 * and a rolled-back one leaves no hole. Numbers typed by hand into the same series are counted (the
 * highest wins).
 */
async function nextNumber(tx: Tx, kind: keyof typeof SERIES, issuedAt: Date): Promise<string> {
  const { letters, table, number } = SERIES[kind];
  const year = parisWallClock(issuedAt).getUTCFullYear();
  const prefix = `${letters}-${year}-`;
  // The invoice series keeps the key it always had (no lock change for a running deployment).
  const lockKey = kind === 'invoice' ? `c360:invoice-series:${prefix}` : `c360:${kind}-series:${prefix}`;
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${lockKey}))`);
  const [row] = await sqlRows<{ last: number | null }>(
    tx,
    sql`select max(substring(${number} from ${`^${prefix}(\\d{1,9})$`})::bigint)::float8 as last
      from ${table} where ${number} like ${`${prefix}%`}`,
  );
  return `${prefix}${String(num(row?.last) + 1).padStart(6, '0')}`;
}

/** `F-2026-000123`: the next invoice of the year of `issuedAt`. */
export function nextInvoiceNumber(tx: Tx, issuedAt: Date): Promise<string> {
  return nextNumber(tx, 'invoice', issuedAt);
}

/** `AV-2026-000001`: the next credit note (« avoir ») of the year of `issuedAt`, a series of its own. */
export function nextCreditNoteNumber(tx: Tx, issuedAt: Date): Promise<string> {
  return nextNumber(tx, 'creditNote', issuedAt);
}
