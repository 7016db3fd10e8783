import type { ReactNode } from 'react';
import { formatDate } from '@/components/ui/format';
import { KIND_LABELS } from '@/lib/customers/schema';
import { customerDisplayName } from '@/lib/customers/schema';
import type { CustomerDto } from '@/lib/customers/types';
import { formatPhone } from '@/components/ui/format/phone';
import { CustomerStatusBadges } from './status-badge';

type HeaderCustomer = CustomerDto & { erasedAt?: Date | null };

/**
 * The 360 header: who the customer is and how to reach them (labelled « Mobile » and « Fixe »), plus the
 * quick actions slot. The profile below does not repeat any of it.
 */
export function CustomerHeader({ customer, actions }: { customer: HeaderCustomer; actions?: ReactNode }) {
  const name = customerDisplayName(customer);
  // Labelled, so nobody has to guess which number is the mobile.
  const phones = [
    customer.mobile && { label: 'Mobile', value: customer.mobile },
    customer.phone && customer.phone !== customer.mobile && { label: 'Fixe', value: customer.phone },
  ].filter(Boolean) as { label: string; value: string }[];
  return (
    <header className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
      <div className="flex flex-col gap-3 lg:flex-row lg:items-start lg:justify-between">
        <div className="min-w-0 space-y-1">
          <div className="flex flex-wrap items-center gap-2">
            <h1 className="text-xl font-semibold break-words text-slate-900 sm:text-2xl">{name}</h1>
            <CustomerStatusBadges
              status={customer.status}
              archivedAt={customer.archivedAt}
              erasedAt={customer.erasedAt}
            />
          </div>
          <p className="text-sm text-slate-600">
            {/* The customer number is office data: not on the technician's phone screen. */}
            <span className="hidden sm:inline">
              <span data-testid="customer-number">{customer.number}</span> ·{' '}
            </span>
            {KIND_LABELS[customer.kind]}
            {customer.city && (
              <>
                {' '}
                · {customer.postalCode} {customer.city}
              </>
            )}
            {customer.agency && <> · {customer.agency}</>}
          </p>
          {customer.erasedAt ? (
            <p className="text-sm text-red-800">
              Données personnelles effacées le {formatDate(customer.erasedAt)}. Les factures et paiements sont
              conservés.
            </p>
          ) : (
            <div className="flex flex-wrap gap-x-4 text-sm">
              {phones.map((p) => (
                <a
                  key={p.label}
                  href={`tel:${p.value}`}
                  className="inline-flex min-h-11 items-center gap-1.5"
                  aria-label={`Appeler le ${p.label.toLowerCase()} ${formatPhone(p.value)}`}
                >
                  <span className="text-slate-600">{p.label}</span>
                  {formatPhone(p.value)}
                </a>
              ))}
              {customer.email && (
                <a href={`mailto:${customer.email}`} className="inline-flex min-h-11 max-w-full items-center truncate">
                  {customer.email}
                </a>
              )}
            </div>
          )}
        </div>
        {/* empty:hidden: the actions element may render nothing (no action for the role), then no gap either. */}
        {actions && <div className="shrink-0 empty:hidden">{actions}</div>}
      </div>
    </header>
  );
}
