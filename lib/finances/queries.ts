import { descNullsLast } from '@/db/order';
import { and, asc, eq, inArray, lt, ne, sql, type SQL } from 'drizzle-orm';
import type { z } from 'zod';
import { type DbOrTx, getDb } from '@/db';
import { creditNotes, invoices, payments, refunds } from '@/db/schema';
import type { InvoiceStatus, PaymentMethod } from '@/db/schema/finances';
import { num, numOrNull, PARIS, sqlRows } from '@/lib/analytics/sql';
import { requireCustomer } from '@/lib/customers/guard';
import { AppError } from '@/lib/errors';
import { decodeCursor, firstPageOnBadCursor, type Page, toPage } from '@/lib/pagination';
import { latestCorrections, listCreditNotes, listRefunds } from './correction-queries';
import { computeRisk, type RiskInputs, type RiskResult } from './risk';
import {
  type InvoiceListQuery,
  invoiceListQuerySchema,
  type ListCursor,
  listCursorSchema,
  type PaymentListQuery,
  paymentListQuerySchema,
} from './schema';

export interface InvoiceDto {
  id: string;
  customerId: string;
  number: string;
  issuedAt: Date;
  dueAt: Date;
  totalHtCents: number;
  vatCents: number;
  totalTtcCents: number;
  paidCents: number;
  /** Σ credit notes (TTC) and Σ refunds issued against it. */
  creditedCents: number;
  refundedCents: number;
  /** What the customer still owes: TTC − credit notes − payments + refunds (0 when cancelled or overpaid). */
  remainingCents: number;
  /** What the business owes back (a credit note left it overpaid): the most a refund may pay. */
  refundableCents: number;
  /** The most a new credit note may be: TTC − previous credit notes, on a paid or partly paid invoice. */
  creditableCents: number;
  status: InvoiceStatus;
  cancelledAt: Date | null;
  cancelReason: string | null;
  interventionId: string | null;
  /** Past due and not fully paid (computed at read time). */
  overdue: boolean;
}

export interface PaymentDto {
  id: string;
  customerId: string;
  invoiceId: string;
  invoiceNumber: string;
  amountCents: number;
  method: PaymentMethod;
  paidAt: Date;
  reference: string | null;
}

export interface FinanceSummary {
  /** TTC of the invoices that are not cancelled. */
  invoicedCents: number;
  /** Credit notes issued against them (TTC). */
  creditedCents: number;
  paidCents: number;
  refundedCents: number;
  /** invoiced − credited − paid + refunded: negative when the business owes the customer money. */
  balanceCents: number;
  overdueCents: number;
  overdueCount: number;
  invoiceCount: number;
  /** Mean days from issue to the payment that settled the invoice (fully paid invoices only). */
  averageDaysToPay: number | null;
  lastPaymentAt: Date | null;
}

export interface BalancePoint {
  date: string;
  balanceCents: number;
}

type InvoiceRow = typeof invoices.$inferSelect;

/**
 * The status money gives an invoice: settled once what was paid (net of refunds) covers what is due (net
 * of credit notes). Refunds only pay back an overpayment, so they never reopen a settled invoice.
 */
export function settledStatus(
  row: Pick<InvoiceRow, 'totalTtcCents' | 'creditedCents' | 'paidCents' | 'refundedCents'>,
): Exclude<InvoiceStatus, 'cancelled'> {
  const netPaid = row.paidCents - row.refundedCents;
  if (netPaid >= row.totalTtcCents - row.creditedCents) return 'paid';
  return netPaid > 0 ? 'partial' : 'unpaid';
}

export function toInvoiceDto(row: InvoiceRow, now = new Date()): InvoiceDto {
  const remainingCents = Math.max(0, row.balanceCents);
  const creditable = row.status === 'partial' || row.status === 'paid';
  return {
    id: row.id,
    customerId: row.customerId,
    number: row.number,
    issuedAt: row.issuedAt,
    dueAt: row.dueAt,
    totalHtCents: row.totalHtCents,
    vatCents: row.vatCents,
    totalTtcCents: row.totalTtcCents,
    paidCents: row.paidCents,
    creditedCents: row.creditedCents,
    refundedCents: row.refundedCents,
    remainingCents,
    refundableCents: Math.max(0, -row.balanceCents),
    creditableCents: creditable ? row.totalTtcCents - row.creditedCents : 0,
    status: row.status,
    cancelledAt: row.cancelledAt,
    cancelReason: row.cancelReason,
    interventionId: row.interventionId,
    overdue: (row.status === 'unpaid' || row.status === 'partial') && row.dueAt.getTime() < now.getTime(),
  };
}

const OPEN: InvoiceStatus[] = ['unpaid', 'partial'];

/** (sort value, id) keyset condition in the requested direction. */
function keyset(column: SQL, idColumn: SQL, cursor: ListCursor, isDate: boolean): SQL {
  const value = isDate ? sql`${cursor.v}::timestamptz` : sql`${cursor.v}::int`;
  return cursor.o === 'desc'
    ? sql`(${column}, ${idColumn}) < (${value}, ${cursor.id}::uuid)`
    : sql`(${column}, ${idColumn}) > (${value}, ${cursor.id}::uuid)`;
}

function readCursor(raw: string | undefined, sort: string, order: 'asc' | 'desc'): ListCursor | null {
  const cursor = decodeCursor(raw, listCursorSchema);
  if (cursor && (cursor.s !== sort || cursor.o !== order))
    throw AppError.badRequest('Curseur de pagination invalide pour ce tri.');
  return cursor;
}

export async function listInvoices(db: DbOrTx, customerId: string, query: InvoiceListQuery): Promise<Page<InvoiceDto>> {
  const cursor = readCursor(query.cursor, query.sort, query.order);
  const column =
    query.sort === 'total' ? invoices.totalTtcCents : query.sort === 'dueAt' ? invoices.dueAt : invoices.issuedAt;
  const isDate = query.sort !== 'total';
  const where: SQL[] = [eq(invoices.customerId, customerId)];
  if (query.status === 'overdue') where.push(inArray(invoices.status, OPEN), lt(invoices.dueAt, sql`now()`));
  else if (query.status) where.push(eq(invoices.status, query.status));
  if (cursor) where.push(keyset(sql`${column}`, sql`${invoices.id}`, cursor, isDate));
  const dir = query.order === 'desc' ? descNullsLast : asc;
  const rows = await db
    .select()
    .from(invoices)
    .where(and(...where))
    .orderBy(dir(column), dir(invoices.id))
    .limit(query.limit + 1);
  const now = new Date();
  return toPage(
    rows,
    query.limit,
    (r) => toInvoiceDto(r, now),
    (r) => ({
      s: query.sort,
      o: query.order,
      v: query.sort === 'total' ? r.totalTtcCents : (query.sort === 'dueAt' ? r.dueAt : r.issuedAt).toISOString(),
      id: r.id,
    }),
  );
}

export async function getInvoiceOrThrow(db: DbOrTx, customerId: string, invoiceId: string) {
  const [row] = await db
    .select()
    .from(invoices)
    .where(and(eq(invoices.id, invoiceId), eq(invoices.customerId, customerId)))
    .limit(1);
  if (!row) throw AppError.notFound('Facture introuvable.');
  const [paid, credited, refunded] = await Promise.all([
    db.select().from(payments).where(eq(payments.invoiceId, invoiceId)).orderBy(asc(payments.paidAt), asc(payments.id)),
    listCreditNotes(db, row),
    listRefunds(db, row),
  ]);
  return {
    ...toInvoiceDto(row),
    payments: paid.map((p) => toPaymentDto({ ...p, invoiceNumber: row.number })),
    creditNotes: credited,
    refunds: refunded,
  };
}

function toPaymentDto(p: typeof payments.$inferSelect & { invoiceNumber: string }): PaymentDto {
  return {
    id: p.id,
    customerId: p.customerId,
    invoiceId: p.invoiceId,
    invoiceNumber: p.invoiceNumber,
    amountCents: p.amountCents,
    method: p.method,
    paidAt: p.paidAt,
    reference: p.reference,
  };
}

export async function listPayments(db: DbOrTx, customerId: string, query: PaymentListQuery): Promise<Page<PaymentDto>> {
  const cursor = readCursor(query.cursor, query.sort, query.order);
  const column = query.sort === 'amount' ? payments.amountCents : payments.paidAt;
  const where: SQL[] = [eq(payments.customerId, customerId)];
  if (query.invoiceId) where.push(eq(payments.invoiceId, query.invoiceId));
  if (cursor) where.push(keyset(sql`${column}`, sql`${payments.id}`, cursor, query.sort === 'paidAt'));
  const dir = query.order === 'desc' ? descNullsLast : asc;
  const rows = await db
    .select({ payment: payments, invoiceNumber: invoices.number })
    .from(payments)
    .innerJoin(invoices, eq(invoices.id, payments.invoiceId))
    .where(and(...where))
    .orderBy(dir(column), dir(payments.id))
    .limit(query.limit + 1);
  return toPage(
    rows,
    query.limit,
    (r) => toPaymentDto({ ...r.payment, invoiceNumber: r.invoiceNumber }),
    (r) => ({
      s: query.sort,
      o: query.order,
      v: query.sort === 'amount' ? r.payment.amountCents : r.payment.paidAt.toISOString(),
      id: r.payment.id,
    }),
  );
}

interface TotalsRow {
  invoiced: number;
  credited: number;
  paid: number;
  refunded: number;
  balance: number;
  overdue: number;
  overdue_count: number;
  invoice_count: number;
  avg_invoice: number | null;
  oldest_overdue_days: number | null;
  last_payment_ms: number | null;
}

interface SettledRow {
  days_to_pay: number;
  days_late: number;
}

/** Summary + everything the risk score needs, in two indexed per-customer queries. */
async function loadFinanceFacts(db: DbOrTx, customerId: string) {
  // Independent statements: sent together (one round trip of latency instead of two).
  const [[totals], settled] = await Promise.all([
    sqlRows<TotalsRow>(
      db,
      sql`select
      coalesce(sum(i.total_ttc_cents), 0)::float8 as invoiced,
      coalesce(sum(i.credited_cents), 0)::float8 as credited,
      coalesce(sum(i.paid_cents), 0)::float8 as paid,
      coalesce(sum(i.refunded_cents), 0)::float8 as refunded,
      coalesce(sum(i.balance_cents), 0)::float8 as balance,
      coalesce(sum(i.balance_cents) filter (where i.status in ('unpaid','partial') and i.due_at < now()), 0)::float8 as overdue,
      (count(*) filter (where i.status in ('unpaid','partial') and i.due_at < now()))::int as overdue_count,
      count(*)::int as invoice_count,
      -- What the customer is really billed: an invoice net of its credit notes.
      avg(i.total_ttc_cents - i.credited_cents)::float8 as avg_invoice,
      floor(extract(epoch from now() - min(i.due_at) filter (where i.status in ('unpaid','partial') and i.due_at < now())) / 86400)::int as oldest_overdue_days,
      (select extract(epoch from max(p.paid_at)) * 1000 from ${payments} p where p.customer_id = ${customerId})::float8 as last_payment_ms
    from ${invoices} i
    where i.customer_id = ${customerId} and i.status <> 'cancelled'`,
    ),
    // Fully paid invoices, oldest first: settled on the date of their last payment.
    sqlRows<SettledRow>(
      db,
      sql`select
      (extract(epoch from max(p.paid_at) - i.issued_at) / 86400)::float8 as days_to_pay,
      (extract(epoch from max(p.paid_at) - i.due_at) / 86400)::float8 as days_late
    from ${invoices} i join ${payments} p on p.invoice_id = i.id
    where i.customer_id = ${customerId} and i.status = 'paid'
    group by i.id, i.issued_at, i.due_at
    order by i.issued_at, i.id`,
    ),
  ]);
  const summary: FinanceSummary = {
    invoicedCents: num(totals?.invoiced),
    creditedCents: num(totals?.credited),
    paidCents: num(totals?.paid),
    refundedCents: num(totals?.refunded),
    balanceCents: num(totals?.balance),
    overdueCents: num(totals?.overdue),
    overdueCount: num(totals?.overdue_count),
    invoiceCount: num(totals?.invoice_count),
    averageDaysToPay: settled.length
      ? Math.round((settled.reduce((s, r) => s + num(r.days_to_pay), 0) / settled.length) * 10) / 10
      : null,
    lastPaymentAt: totals?.last_payment_ms != null ? new Date(num(totals.last_payment_ms)) : null,
  };
  const riskInputs: RiskInputs = {
    overdueCents: summary.overdueCents,
    overdueCount: summary.overdueCount,
    oldestOverdueDays: numOrNull(totals?.oldest_overdue_days) ?? 0,
    balanceCents: summary.balanceCents,
    averageInvoiceCents: Math.round(num(totals?.avg_invoice)),
    settledDaysLate: settled.map((r) => num(r.days_late)),
  };
  return { summary, riskInputs };
}

export async function getFinanceSummary(db: DbOrTx, customerId: string): Promise<FinanceSummary> {
  return (await loadFinanceFacts(db, customerId)).summary;
}

export async function getFinanceOverview(
  db: DbOrTx,
  customerId: string,
): Promise<{ summary: FinanceSummary; risk: RiskResult }> {
  const { summary, riskInputs } = await loadFinanceFacts(db, customerId);
  return { summary, risk: computeRisk(riskInputs) };
}

/**
 * Running balance per day (Paris calendar): invoices add their TTC on the issue day (and take it back on
 * the day they are cancelled), payments and credit notes subtract on their day, refunds add back on
 * theirs. The running sum is a window function in SQL, so the work stays in the database however long
 * the history. Invoices cancelled before cancellations were dated are left out, as they always were.
 */
export async function getBalanceHistory(db: DbOrTx, customerId: string): Promise<BalancePoint[]> {
  const day = (column: SQL) => sql`(${column} at time zone ${PARIS})::date`;
  const rows = await sqlRows<{ date: string; balance: number }>(
    db,
    sql`with live as (
      select i.id, i.issued_at, i.cancelled_at, i.total_ttc_cents from ${invoices} i
      where i.customer_id = ${customerId} and (i.status <> 'cancelled' or i.cancelled_at is not null)
    ), events as (
      select ${day(sql`issued_at`)} as day, total_ttc_cents as delta from live
      union all
      select ${day(sql`cancelled_at`)}, -total_ttc_cents from live where cancelled_at is not null
      union all
      select ${day(sql`p.paid_at`)}, -p.amount_cents from ${payments} p join live on live.id = p.invoice_id
        where p.customer_id = ${customerId}
      union all
      select ${day(sql`n.issued_at`)}, -n.total_ttc_cents from ${creditNotes} n join live on live.id = n.invoice_id
        where n.customer_id = ${customerId}
      union all
      select ${day(sql`r.refunded_at`)}, r.amount_cents from ${refunds} r join live on live.id = r.invoice_id
        where r.customer_id = ${customerId}
    ), daily as (
      select day, sum(delta) as delta from events group by day
    )
    select to_char(day, 'YYYY-MM-DD') as date,
      (sum(delta) over (order by day rows between unbounded preceding and current row))::float8 as balance
    from daily order by day`,
  );
  return rows.map((r) => ({ date: String(r.date), balanceCents: num(r.balance) }));
}

/** Open invoices for the payment form's select (oldest due first). */
export async function listOpenInvoices(db: DbOrTx, customerId: string, limit = 100): Promise<InvoiceDto[]> {
  const rows = await db
    .select()
    .from(invoices)
    .where(and(eq(invoices.customerId, customerId), inArray(invoices.status, OPEN), ne(invoices.totalTtcCents, 0)))
    .orderBy(asc(invoices.dueAt), asc(invoices.id))
    .limit(limit);
  return rows.map((r) => toInvoiceDto(r));
}

/** A page's query string, one value per key. */
type PageParams = Record<string, string | undefined>;

/**
 * One table's rows and sort, read from its own URL keys (`isort`/`iorder`/`icursor` for invoices, `p…`
 * for payments): an invalid sort falls back to the default, 10 rows a page.
 */
async function tablePage<S extends z.ZodType<{ sort: string; order: string }>, R>(
  schema: S,
  prefix: 'i' | 'p',
  params: PageParams,
  load: (query: z.output<S> & { cursor?: string }) => Promise<Page<R>>,
) {
  const parsed = schema.safeParse({ sort: params[`${prefix}sort`], order: params[`${prefix}order`], limit: 10 });
  const query = parsed.success ? parsed.data : schema.parse({ limit: 10 });
  const page = await firstPageOnBadCursor((cursor) => load({ ...query, cursor }), params[`${prefix}cursor`]);
  return { rows: page.data, nextCursor: page.nextCursor, sort: query.sort, order: query.order };
}

/**
 * Finances tab: totals, risk, balance history, one page of each table (sorted from the URL) and, for
 * the payment form, the open invoices. Unknown customer → AppError not_found.
 */
export async function loadFinancesTab(customerId: string, params: PageParams, opts: { openInvoices: boolean }) {
  const db = getDb();
  await requireCustomer(db, customerId, { allowErased: true });
  const [overview, history, invoiceTable, paymentTable, open, corrections] = await Promise.all([
    getFinanceOverview(db, customerId),
    getBalanceHistory(db, customerId),
    tablePage(invoiceListQuerySchema, 'i', params, (query) => listInvoices(db, customerId, query)),
    tablePage(paymentListQuerySchema, 'p', params, (query) => listPayments(db, customerId, query)),
    opts.openInvoices ? listOpenInvoices(db, customerId) : Promise.resolve([]),
    latestCorrections(db, customerId),
  ]);
  return { ...overview, history, invoiceTable, paymentTable, openInvoices: open, corrections };
}

/** 360 summary: balance, overdue amount and risk score. */
export function loadFinanceOverview(customerId: string) {
  return getFinanceOverview(getDb(), customerId);
}
