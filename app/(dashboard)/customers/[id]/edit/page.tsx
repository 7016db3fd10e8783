import type { Metadata } from 'next';
import { CustomerForm } from '@/components/customers/customer-form';
import { CUSTOMER_KIND_OPTIONS } from '@/components/customers/customer-kinds';
import { EmptyState } from '@/components/ui/empty-state';
import { updateCustomerAction } from '@/lib/customers/actions';
import { customerPage } from '@/lib/customers/page';
import { env } from '@/lib/env';
import type { IdPageProps } from '@/lib/http/page-params';

export const metadata: Metadata = { title: 'Modifier le client' };

export default async function EditCustomerPage(props: Pick<IdPageProps, 'params'>) {
  const { id, customer, abilities } = await customerPage(props, 'customer.update');
  // The role may update (checked above): only an erased customer is left without the ability.
  if (!abilities.update) {
    return (
      <EmptyState
        title="Fiche anonymisée"
        description="Les données personnelles de ce client ont été effacées : la fiche ne peut plus être modifiée."
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
