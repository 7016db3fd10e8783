import Link from 'next/link';
import { Badge } from '@/components/ui/badge';
import { formatDate, formatMoney } from '@/components/ui/format';
import { formatPhone } from '@/components/ui/format/phone';
import { KIND_LABELS } from '@/lib/customers/schema';
import type { CustomerListItem } from '@/lib/customers/types';
import { RowCheckbox } from './bulk-selection';
import { CustomerStatusBadges } from './status-badge';

export type CustomerListEntry = CustomerListItem & {
  erasedAt?: Date | null;
  /** The first vehicle's plate. */
  plate: string | null;
  lastVisitAt: Date | null;
  /** Present only for roles with finance.read (the page decides). */
  balanceCents?: number;
};

function phoneOf(c: CustomerListEntry): string | null {
  return c.mobile ?? c.phone ?? null;
}

function Tags({ tags }: { tags: CustomerListEntry['tags'] }) {
  if (!tags.length) return null;
  return (
    <span className="flex flex-wrap gap-1">
      {tags.slice(0, 3).map((t) => (
        <Badge key={t.id} color={t.color}>
          {t.name}
        </Badge>
      ))}
      {tags.length > 3 && <Badge>+{tags.length - 3}</Badge>}
    </span>
  );
}

/** "AB-123-CD", "AB-123-CD +1" with more vehicles, "2 véhicules" when none has a plate. */
function Plate({ c }: { c: CustomerListEntry }) {
  if (!c.plate && !c.vehicleCount) return <>—</>;
  const more = c.plate ? c.vehicleCount - 1 : c.vehicleCount;
  return (
    <>
      {c.plate && <span className="font-mono whitespace-nowrap text-slate-900">{c.plate}</span>}
      {more > 0 && (
        <span className="ml-1 text-xs text-slate-600">
          {c.plate ? `+${more}` : `${more} véhicule${more > 1 ? 's' : ''}`}
          <span className="sr-only">
            {' '}
            autre{more > 1 ? 's' : ''} véhicule{more > 1 ? 's' : ''}
          </span>
        </span>
      )}
    </>
  );
}

const Balance = ({ cents }: { cents: number }) =>
  cents > 0 ? <span className="font-medium text-amber-900">{formatMoney(cents)}</span> : <>—</>;

/**
 * The customer list: a dense table from the md breakpoint, a stack of cards on phones. Server-rendered.
 * Columns for the office: plate of the first vehicle, last visit, balance due (only when the page passes
 * `showBalance`, i.e. finance.read), and a status badge only when the customer is not simply active.
 * Row links are not prefetched: on every list view that would be two RSC requests per customer and
 * their processing on the main thread (Lighthouse: 31 → 20 requests), for the one row that is opened.
 */
export function CustomerList({
  items,
  showBalance,
  selectable = false,
}: {
  items: CustomerListEntry[];
  showBalance: boolean;
  /** A checkbox per row (« Actions groupées »): inside a BulkSelectionProvider, for roles that may act. */
  selectable?: boolean;
}) {
  const th = 'px-3 py-3';
  return (
    <>
      <table className="hidden w-full border-collapse overflow-hidden rounded-lg border border-slate-200 bg-white text-sm shadow-sm md:table">
        <caption className="sr-only">Liste des clients</caption>
        <thead className="bg-slate-50 text-left text-xs font-semibold tracking-wide text-slate-600 uppercase">
          <tr>
            {selectable && (
              <th scope="col" className="w-12 px-1">
                <span className="sr-only">Sélection</span>
              </th>
            )}
            <th scope="col" className={th}>
              Client
            </th>
            <th scope="col" className={th}>
              Ville
            </th>
            <th scope="col" className={th}>
              Contact
            </th>
            <th scope="col" className={th}>
              Immatriculation
            </th>
            <th scope="col" className={th}>
              Dernier passage
            </th>
            {showBalance && (
              <th scope="col" className={`${th} text-right`}>
                Solde dû
              </th>
            )}
            <th scope="col" className={th}>
              <span className="sr-only">Statut</span>
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {items.map((c) => {
            const phone = phoneOf(c);
            return (
              <tr key={c.id} className="hover:bg-slate-50" data-testid="customer-row">
                {selectable && (
                  <td className="px-1 py-1.5">
                    <RowCheckbox id={c.id} label={c.displayName} />
                  </td>
                )}
                <td className="px-3 py-1.5">
                  <Link
                    href={`/customers/${c.id}`}
                    prefetch={false}
                    className="inline-flex min-h-11 flex-col justify-center font-medium text-slate-900"
                  >
                    {c.displayName}
                    <span className="text-xs font-normal text-slate-600">
                      {c.number} · {KIND_LABELS[c.kind]}
                    </span>
                  </Link>
                  <Tags tags={c.tags} />
                </td>
                <td className="px-3 py-1.5 text-slate-700">
                  {c.city ?? '—'}
                  {c.postalCode && <span className="block text-xs text-slate-500">{c.postalCode}</span>}
                </td>
                <td className="px-3 py-1.5 text-slate-700">
                  {phone && (
                    <a href={`tel:${phone}`} className="block whitespace-nowrap">
                      {formatPhone(phone)}
                    </a>
                  )}
                  {c.email && (
                    <a href={`mailto:${c.email}`} className="block max-w-56 truncate">
                      {c.email}
                    </a>
                  )}
                  {!phone && !c.email && '—'}
                </td>
                <td className="px-3 py-1.5 text-slate-700" data-testid="customer-plate">
                  <Plate c={c} />
                </td>
                <td className="px-3 py-1.5 whitespace-nowrap text-slate-700" data-testid="customer-last-visit">
                  {c.lastVisitAt ? formatDate(c.lastVisitAt) : '—'}
                </td>
                {showBalance && (
                  <td className="px-3 py-1.5 text-right whitespace-nowrap tabular-nums" data-testid="customer-balance">
                    <Balance cents={c.balanceCents ?? 0} />
                  </td>
                )}
                <td className="px-3 py-1.5">
                  <CustomerStatusBadges status={c.status} archivedAt={c.archivedAt} erasedAt={c.erasedAt} />
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>

      <ul className="space-y-2 md:hidden" aria-label="Liste des clients">
        {items.map((c) => {
          const phone = phoneOf(c);
          return (
            <li key={c.id} className="rounded-lg border border-slate-200 bg-white p-3 shadow-sm">
              <div className="flex items-start justify-between gap-2">
                {selectable && <RowCheckbox id={c.id} label={c.displayName} className="-my-1 -ml-2" />}
                <Link
                  href={`/customers/${c.id}`}
                  prefetch={false}
                  className="mr-auto flex min-h-11 min-w-0 flex-col justify-center font-medium text-slate-900"
                >
                  <span className="truncate">{c.displayName}</span>
                  <span className="text-xs font-normal text-slate-600">
                    {c.number} · {KIND_LABELS[c.kind]}
                  </span>
                </Link>
                <CustomerStatusBadges status={c.status} archivedAt={c.archivedAt} erasedAt={c.erasedAt} />
              </div>
              <div className="mt-1 flex flex-wrap items-center gap-x-4 gap-y-1 text-sm text-slate-700">
                {c.city && (
                  <span>
                    {c.postalCode} {c.city}
                  </span>
                )}
                {(c.plate || c.vehicleCount > 0) && (
                  <span>
                    <Plate c={c} />
                  </span>
                )}
                {c.lastVisitAt && <span>Dernier passage le {formatDate(c.lastVisitAt)}</span>}
                {showBalance && (c.balanceCents ?? 0) > 0 && (
                  <span>
                    Solde dû <Balance cents={c.balanceCents ?? 0} />
                  </span>
                )}
              </div>
              {phone && (
                <a href={`tel:${phone}`} className="mt-1 inline-flex min-h-11 items-center text-sm">
                  Appeler le {formatPhone(phone)}
                </a>
              )}
              <Tags tags={c.tags} />
            </li>
          );
        })}
      </ul>
    </>
  );
}
