import { Suspense } from 'react';
import { ActivityTab } from '@/components/customers/tabs/activity-tab';
import { TabSkeleton } from '@/components/ui/skeleton';
import { customerPage } from '@/lib/customers/page';
import { firstParam, type IdPageProps } from '@/lib/http/page-params';

export const metadata = { title: 'Activité' };

export default async function ActivityPage(props: IdPageProps) {
  const { id, query, abilities, actor } = await customerPage(props);
  const filters = { type: query.type, from: firstParam(query.from), to: firstParam(query.to) };
  return (
    <Suspense key={JSON.stringify(filters)} fallback={<TabSkeleton label="Chargement de l’activité" cards={2} />}>
      <ActivityTab customerId={id} searchParams={filters} abilities={abilities} viewer={actor} />
    </Suspense>
  );
}
