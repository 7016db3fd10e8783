import type { ReactNode } from 'react';
import { formatDate } from '@/components/ui/format';
import { KIND_LABELS } from '@/lib/customers/schema';
import { customerDisplayName } from '@/lib/customers/schema';
import type { CustomerDto } from '@/lib/customers/types';
import { formatPhone } from '@/components/ui/format/phone';
import { CustomerStatusBadges } from './status-badge';

type HeaderCustomer = CustomerDto & { erasedAt?: Date | null };

/** The 360 header: who the customer is and how to reach them, plus the quick actions slot. */
export function CustomerHeader({ customer, actions }: { customer: HeaderCustomer; actions?: ReactNode }) {
  const name = customerDisplayName(customer);
  const phone = customer.mobile ?? customer.phone;
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
            <span data-testid="customer-number">{customer.number}</span> · {KIND_LABELS[customer.kind]}
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
              {phone && (
                <a
                  href={`tel:${phone}`}
                  className="inline-flex min-h-11 items-center"
                  aria-label={`Appeler le ${formatPhone(phone)}`}
                >
                  {formatPhone(phone)}
                </a>
              )}
              {customer.mobile && customer.phone && customer.phone !== customer.mobile && (
                <a
                  href={`tel:${customer.phone}`}
                  className="inline-flex min-h-11 items-center"
                  aria-label={`Appeler le ${formatPhone(customer.phone)} (fixe)`}
                >
                  {formatPhone(customer.phone)}
                </a>
              )}
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
