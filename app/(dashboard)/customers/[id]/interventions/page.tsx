import { Suspense } from 'react';
import { InterventionsTab } from '@/components/interventions/interventions-tab';
import { TabSkeleton } from '@/components/ui/skeleton';
import { customerPage } from '@/lib/customers/page';
import { firstParam, type IdPageProps } from '@/lib/http/page-params';

export const metadata = { title: 'Interventions' };

export default async function InterventionsPage(props: IdPageProps) {
  const { id, query, customer, abilities } = await customerPage(props, 'intervention.read');
  const params = { status: firstParam(query.status), up: firstParam(query.up), past: firstParam(query.past) };
  return (
    <Suspense key={JSON.stringify(params)} fallback={<TabSkeleton label="Chargement des interventions" cards={2} />}>
      <InterventionsTab
        customer={{ id, addressLine1: customer.addressLine1, postalCode: customer.postalCode, city: customer.city }}
        params={params}
        abilities={abilities}
      />
    </Suspense>
  );
}
