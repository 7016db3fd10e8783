import { Suspense } from 'react';
import { InterventionView } from '@/components/interventions/intervention-view';
import { TabSkeleton } from '@/components/ui/skeleton';
import type { Actor } from '@/lib/auth/actor';
import { customerPage } from '@/lib/customers/page';
import { orNotFound, parseIdOrNotFound } from '@/lib/http/page-params';
import { loadInterventionPage } from '@/lib/interventions/page';
import type { CustomerAbilities } from '@/lib/auth/permissions';

export const metadata = { title: 'Intervention' };

type Props = { params: Promise<{ id: string; interventionId: string }> };

async function Content({
  actor,
  customer,
  interventionId,
  abilities,
}: {
  actor: Actor;
  customer: { id: string; erasedAt: Date | null; phone: string | null; mobile: string | null };
  interventionId: string;
  abilities: CustomerAbilities;
}) {
  const data = await orNotFound(loadInterventionPage(actor, customer, interventionId));
  return <InterventionView data={data} customer={customer} customerAbilities={abilities} />;
}

export default async function InterventionPage(props: Props) {
  const { id, actor, customer, abilities } = await customerPage(props, 'intervention.read');
  const interventionId = parseIdOrNotFound((await props.params).interventionId, 'Intervention');
  return (
    <Suspense fallback={<TabSkeleton label="Chargement de l’intervention" cards={3} />}>
      <Content
        actor={actor}
        customer={{ id, erasedAt: customer.erasedAt, phone: customer.phone, mobile: customer.mobile }}
        interventionId={interventionId}
        abilities={abilities}
      />
    </Suspense>
  );
}
