import { Suspense } from 'react';
import { ActivityTab } from '@/components/customers/tabs/activity-tab';
import { TabSkeleton } from '@/components/ui/skeleton';
import { can } from '@/lib/auth/permissions';
import { requirePageActor } from '@/lib/auth/session';
import { firstParam, type IdPageProps, readIdPage } from '@/lib/http/page-params';

export const metadata = { title: 'Activité' };

export default async function ActivityPage(props: IdPageProps) {
  const actor = await requirePageActor('customer.read');
  const { id, query } = await readIdPage(props, 'Client');
  const filters = { type: query.type, from: firstParam(query.from), to: firstParam(query.to) };
  return (
    <Suspense key={JSON.stringify(filters)} fallback={<TabSkeleton label="Chargement de l’activité" cards={2} />}>
      <ActivityTab customerId={id} searchParams={filters} canCreate={can(actor.role, 'activity.create')} />
    </Suspense>
  );
}
