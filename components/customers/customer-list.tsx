import Link from 'next/link';
import { Badge } from '@/components/ui/badge';
import { KIND_LABELS } from '@/lib/customers/schema';
import type { CustomerListItem } from '@/lib/customers/types';
import { formatPhone } from '@/components/ui/format/phone';
import { CustomerStatusBadges } from './status-badge';

type Item = CustomerListItem & { erasedAt?: Date | null };

function phoneOf(c: Item): string | null {
  return c.mobile ?? c.phone ?? null;
}

function Tags({ tags }: { tags: Item['tags'] }) {
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

/**
 * The customer list: a table from the md breakpoint, a stack of cards on phones. Server-rendered.
 * Row links are not prefetched: on every list view that would be two RSC requests per customer and
 * their processing on the main thread (Lighthouse: 31 → 20 requests), for the one row that is opened.
 */
export function CustomerList({ items }: { items: Item[] }) {
  return (
    <>
      <table className="hidden w-full border-collapse overflow-hidden rounded-lg border border-slate-200 bg-white text-sm shadow-sm md:table">
        <caption className="sr-only">Liste des clients</caption>
        <thead className="bg-slate-50 text-left text-xs font-semibold tracking-wide text-slate-600 uppercase">
          <tr>
            <th scope="col" className="px-4 py-3">
              Client
            </th>
            <th scope="col" className="px-4 py-3">
              Type
            </th>
            <th scope="col" className="px-4 py-3">
              Ville
            </th>
            <th scope="col" className="px-4 py-3">
              Contact
            </th>
            <th scope="col" className="px-4 py-3 text-right">
              Véhicules
            </th>
            <th scope="col" className="px-4 py-3">
              Statut
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {items.map((c) => {
            const phone = phoneOf(c);
            return (
              <tr key={c.id} className="hover:bg-slate-50">
                <td className="px-4 py-2">
                  <Link
                    href={`/customers/${c.id}`}
                    prefetch={false}
                    className="inline-flex min-h-11 flex-col justify-center font-medium text-slate-900"
                  >
                    {c.displayName}
                    <span className="text-xs font-normal text-slate-600">{c.number}</span>
                  </Link>
                  <Tags tags={c.tags} />
                </td>
                <td className="px-4 py-2 text-slate-700">{KIND_LABELS[c.kind]}</td>
                <td className="px-4 py-2 text-slate-700">
                  {c.city ?? '—'}
                  {c.postalCode && <span className="block text-xs text-slate-500">{c.postalCode}</span>}
                </td>
                <td className="px-4 py-2 text-slate-700">
                  {phone && (
                    <a href={`tel:${phone}`} className="block">
                      {formatPhone(phone)}
                    </a>
                  )}
                  {c.email && (
                    <a href={`mailto:${c.email}`} className="block max-w-64 truncate">
                      {c.email}
                    </a>
                  )}
                  {!phone && !c.email && '—'}
                </td>
                <td className="px-4 py-2 text-right tabular-nums text-slate-700">{c.vehicleCount}</td>
                <td className="px-4 py-2">
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
                <Link
                  href={`/customers/${c.id}`}
                  prefetch={false}
                  className="flex min-h-11 min-w-0 flex-col justify-center font-medium text-slate-900"
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
                {c.vehicleCount > 0 && (
                  <span>
                    {c.vehicleCount} véhicule{c.vehicleCount > 1 ? 's' : ''}
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
