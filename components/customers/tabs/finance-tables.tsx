/**
 * Invoices and payments tables (server-rendered): sortable headers and keyset "next page" links
 * are plain URLs, so they work without JavaScript and can be shared. Tables become cards on phones.
 */
import { ChevronDown, ChevronsUpDown, ChevronUp } from 'lucide-react';
import Link from 'next/link';
import type { ReactNode, ThHTMLAttributes } from 'react';
import { buttonClasses } from '@/components/ui/button';
import { cn } from '@/components/ui/cn';
import { formatDate, formatMoney } from '@/components/ui/format';
import type { InvoiceDto, PaymentDto } from '@/lib/finances/queries';
import { PAYMENT_METHOD_LABELS } from '@/lib/finances/labels';
import { InvoiceDue, InvoiceStatus } from './invoice-cells';

export type Params = Record<string, string | undefined>;

export function hrefWith(path: string, current: Params, changes: Params, anchor?: string): string {
  const next = new URLSearchParams();
  for (const [k, v] of Object.entries({ ...current, ...changes })) if (v) next.set(k, v);
  const qs = next.toString();
  return `${path}${qs ? `?${qs}` : ''}${anchor ? `#${anchor}` : ''}`;
}

interface SortSpec {
  key: string;
  label: string;
  numeric?: boolean;
}

function SortHeader({
  spec,
  sort,
  order,
  path,
  params,
  prefix,
  anchor,
}: {
  spec: SortSpec;
  sort: string;
  order: string;
  path: string;
  params: Params;
  prefix: string;
  anchor: string;
}) {
  const active = sort === spec.key;
  const nextOrder = active && order === 'desc' ? 'asc' : 'desc';
  return (
    <ColumnHeader
      numeric={spec.numeric}
      aria-sort={active ? (order === 'asc' ? 'ascending' : 'descending') : undefined}
    >
      <Link
        href={hrefWith(
          path,
          params,
          { [`${prefix}sort`]: spec.key, [`${prefix}order`]: nextOrder, [`${prefix}cursor`]: undefined },
          anchor,
        )}
        className="inline-flex min-h-11 items-center gap-1 text-slate-800 hover:underline"
        scroll={false}
      >
        {spec.label}
        {active ? (
          order === 'asc' ? (
            <ChevronUp className="size-4" aria-hidden="true" />
          ) : (
            <ChevronDown className="size-4" aria-hidden="true" />
          )
        ) : (
          <ChevronsUpDown className="size-4 text-slate-500" aria-hidden="true" />
        )}
        <span className="sr-only">
          {active ? `(trié ${order === 'asc' ? 'croissant' : 'décroissant'})` : '(trier)'}
        </span>
      </Link>
    </ColumnHeader>
  );
}

function ColumnHeader({
  numeric,
  children,
  ...th
}: { numeric?: boolean; children: ReactNode } & ThHTMLAttributes<HTMLTableCellElement>) {
  return (
    <th scope="col" {...th} className={cn('px-3 py-2 font-medium', numeric && 'text-right')}>
      {children}
    </th>
  );
}

function Pager({
  path,
  params,
  prefix,
  nextCursor,
  anchor,
}: {
  path: string;
  params: Params;
  prefix: string;
  nextCursor: string | null;
  anchor: string;
}) {
  const onFirst = !params[`${prefix}cursor`];
  if (onFirst && !nextCursor) return null;
  return (
    <nav aria-label="Pagination" className="flex flex-wrap gap-2 px-3 py-3">
      {!onFirst && (
        <Link
          className={buttonClasses('secondary', 'sm')}
          href={hrefWith(path, params, { [`${prefix}cursor`]: undefined }, anchor)}
          scroll={false}
        >
          ← Première page
        </Link>
      )}
      {nextCursor && (
        <Link
          className={buttonClasses('secondary', 'sm')}
          href={hrefWith(path, params, { [`${prefix}cursor`]: nextCursor }, anchor)}
          scroll={false}
        >
          Page suivante →
        </Link>
      )}
    </nav>
  );
}

interface TableProps<R> {
  rows: R[];
  nextCursor: string | null;
  sort: string;
  order: string;
  path: string;
  params: Params;
}

/** Where a table keeps its state: URL parameters `<prefix>sort`, `<prefix>order`, `<prefix>cursor`, and its anchor. */
interface TablePlace {
  sorts: SortSpec[];
  prefix: string;
  anchor: string;
}

/** The sortable column headers and the pager of one table, linked to its place in the URL. */
function tableControls<R>({ nextCursor, sort, order, path, params }: TableProps<R>, place: TablePlace) {
  const { sorts, prefix, anchor } = place;
  return {
    header: (key: string) => (
      <SortHeader
        spec={sorts.find((s) => s.key === key)!}
        sort={sort}
        order={order}
        path={path}
        params={params}
        prefix={prefix}
        anchor={anchor}
      />
    ),
    pager: <Pager path={path} params={params} prefix={prefix} nextCursor={nextCursor} anchor={anchor} />,
  };
}

const INVOICE_SORTS: SortSpec[] = [
  { key: 'issuedAt', label: 'Émise le' },
  { key: 'dueAt', label: 'Échéance' },
  { key: 'total', label: 'TTC', numeric: true },
];

/** `actions`: the per-invoice corrections (finance.write only), a client island per row. */
export function InvoicesTable(props: TableProps<InvoiceDto> & { actions?: (invoice: InvoiceDto) => ReactNode }) {
  const { rows, actions } = props;
  if (!rows.length) return <p className="p-4 text-sm text-slate-600">Aucune facture.</p>;
  const { header, pager } = tableControls(props, { sorts: INVOICE_SORTS, prefix: 'i', anchor: 'factures' });
  return (
    <div>
      <table className="hidden w-full text-left text-sm md:table">
        <caption className="sr-only">Factures du client</caption>
        <thead className="border-b border-slate-200 bg-slate-50">
          <tr>
            <ColumnHeader>Numéro</ColumnHeader>
            {header('issuedAt')}
            {header('dueAt')}
            <ColumnHeader numeric>HT</ColumnHeader>
            <ColumnHeader numeric>TVA</ColumnHeader>
            {header('total')}
            <ColumnHeader>Statut</ColumnHeader>
            <ColumnHeader numeric>Reste dû</ColumnHeader>
            {actions && (
              <ColumnHeader>
                <span className="sr-only">Actions</span>
              </ColumnHeader>
            )}
          </tr>
        </thead>
        <tbody>
          {rows.map((inv) => (
            <tr
              key={inv.id}
              id={`invoice-${inv.id}`}
              className={cn('scroll-mt-24 border-b border-slate-100 target:bg-yellow-50', inv.overdue && 'bg-red-50')}
            >
              <th scope="row" className="px-3 py-2 font-medium">
                {inv.number}
              </th>
              <td className="px-3 py-2">{formatDate(inv.issuedAt)}</td>
              <td className={cn('px-3 py-2', inv.overdue && 'font-semibold text-red-800')}>{formatDate(inv.dueAt)}</td>
              <td className="px-3 py-2 text-right tabular-nums">{formatMoney(inv.totalHtCents)}</td>
              <td className="px-3 py-2 text-right tabular-nums">{formatMoney(inv.vatCents)}</td>
              <td className="px-3 py-2 text-right tabular-nums">{formatMoney(inv.totalTtcCents)}</td>
              <td className="px-3 py-2">
                <InvoiceStatus invoice={inv} />
              </td>
              <td className={cn('px-3 py-2 text-right tabular-nums', inv.remainingCents > 0 && 'font-semibold')}>
                <InvoiceDue invoice={inv} />
              </td>
              {actions && <td className="px-3 py-2">{actions(inv)}</td>}
            </tr>
          ))}
        </tbody>
      </table>
      <ul className="divide-y divide-slate-100 md:hidden" aria-label="Factures du client">
        {rows.map((inv) => (
          <li
            key={inv.id}
            id={`invoice-${inv.id}-card`}
            className={cn('space-y-1 px-4 py-3 text-sm', inv.overdue && 'bg-red-50')}
          >
            <div className="flex flex-wrap items-center justify-between gap-2">
              <span className="font-semibold">{inv.number}</span>
              <InvoiceStatus invoice={inv} />
            </div>
            <p>
              Émise le {formatDate(inv.issuedAt)} · échéance{' '}
              <span className={cn(inv.overdue && 'font-semibold text-red-800')}>{formatDate(inv.dueAt)}</span>
            </p>
            <p className="tabular-nums">
              HT {formatMoney(inv.totalHtCents)} · TVA {formatMoney(inv.vatCents)} · TTC{' '}
              {formatMoney(inv.totalTtcCents)}
            </p>
            <div className="font-medium tabular-nums">
              Reste dû : <InvoiceDue invoice={inv} />
            </div>
            {actions?.(inv)}
          </li>
        ))}
      </ul>
      {pager}
    </div>
  );
}

const PAYMENT_SORTS: SortSpec[] = [
  { key: 'paidAt', label: 'Date' },
  { key: 'amount', label: 'Montant', numeric: true },
];

export function PaymentsTable(props: TableProps<PaymentDto>) {
  const { rows } = props;
  if (!rows.length) return <p className="p-4 text-sm text-slate-600">Aucun paiement.</p>;
  const { header, pager } = tableControls(props, { sorts: PAYMENT_SORTS, prefix: 'p', anchor: 'paiements' });
  return (
    <div>
      <table className="hidden w-full text-left text-sm md:table">
        <caption className="sr-only">Paiements du client</caption>
        <thead className="border-b border-slate-200 bg-slate-50">
          <tr>
            {header('paidAt')}
            <ColumnHeader>Moyen</ColumnHeader>
            <ColumnHeader>Référence</ColumnHeader>
            <ColumnHeader>Facture</ColumnHeader>
            {header('amount')}
          </tr>
        </thead>
        <tbody>
          {rows.map((p) => (
            <tr key={p.id} className="border-b border-slate-100">
              <td className="px-3 py-2">{formatDate(p.paidAt)}</td>
              <td className="px-3 py-2">{PAYMENT_METHOD_LABELS[p.method]}</td>
              <td className="px-3 py-2">{p.reference ?? '—'}</td>
              <td className="px-3 py-2">
                <a href={`#invoice-${p.invoiceId}`} className="text-blue-800 underline-offset-2 hover:underline">
                  {p.invoiceNumber}
                </a>
              </td>
              <td className="px-3 py-2 text-right tabular-nums">{formatMoney(p.amountCents)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <ul className="divide-y divide-slate-100 md:hidden" aria-label="Paiements du client">
        {rows.map((p) => (
          <li key={p.id} className="flex flex-wrap justify-between gap-2 px-4 py-3 text-sm">
            <span>
              {formatDate(p.paidAt)} · {PAYMENT_METHOD_LABELS[p.method]}
              {p.reference ? ` · ${p.reference}` : ''}
              <br />
              <span className="text-slate-600">Facture {p.invoiceNumber}</span>
            </span>
            <span className="font-semibold tabular-nums">{formatMoney(p.amountCents)}</span>
          </li>
        ))}
      </ul>
      {pager}
    </div>
  );
}
