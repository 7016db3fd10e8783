import type { Metadata } from 'next';
import { CustomerForm } from '@/components/customers/customer-form';
import { CUSTOMER_KIND_OPTIONS } from '@/components/customers/customer-kinds';
import { loadCustomer } from '@/components/customers/load-customer';
import { EmptyState } from '@/components/ui/empty-state';
import { requirePageActor } from '@/lib/auth/session';
import { updateCustomerAction } from '@/lib/customers/actions';
import { env } from '@/lib/env';

export const metadata: Metadata = { title: 'Modifier le client' };

export default async function EditCustomerPage({ params }: { params: Promise<{ id: string }> }) {
  await requirePageActor('customer.update');
  const { id } = await params;
  const customer = await loadCustomer(id);
  if (customer.erasedAt) {
    return (
      <EmptyState
        title="Fiche anonymisée"
        description="Les données personnelles de ce client ont été effacées : la fiche ne peut plus être modifiée."
      />
    );
  }
  return (
    <div className="mx-auto max-w-3xl space-y-4">
      <h2 className="text-xl font-semibold text-slate-900">Modifier la fiche</h2>
      <CustomerForm
        action={updateCustomerAction.bind(null, id)}
        customer={customer}
        kinds={CUSTOMER_KIND_OPTIONS}
        agencies={env().AGENCIES.map((a) => a.name)}
        cancelHref={`/customers/${id}`}
      />
    </div>
  );
}
