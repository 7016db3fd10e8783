import type { Metadata } from 'next';
import Link from 'next/link';
import { CustomerForm } from '@/components/customers/customer-form';
import { CUSTOMER_KIND_OPTIONS } from '@/components/customers/customer-kinds';
import { requirePageActor } from '@/lib/auth/session';
import { createCustomerAction } from '@/lib/customers/actions';
import { env } from '@/lib/env';

export const metadata: Metadata = { title: 'Nouveau client' };

export default async function NewCustomerPage() {
  await requirePageActor('customer.create');
  return (
    <div className="mx-auto max-w-3xl space-y-4">
      <nav aria-label="Fil d’Ariane" className="text-sm">
        <Link href="/customers" className="underline">
          Clients
        </Link>{' '}
        <span aria-hidden="true">/</span> <span>Nouveau</span>
      </nav>
      <h1 className="text-2xl font-semibold text-slate-900">Nouveau client</h1>
      <CustomerForm
        action={createCustomerAction}
        kinds={CUSTOMER_KIND_OPTIONS}
        agencies={env().AGENCIES.map((a) => a.name)}
        cancelHref="/customers"
      />
    </div>
  );
}
