import { Suspense } from 'react';
import { AnalyticsTab } from '@/components/customers/tabs/analytics-tab';
import { TabSkeleton } from '@/components/ui/skeleton';
import { requirePageActor } from '@/lib/auth/session';
import { type IdPageProps, readIdPage } from '@/lib/http/page-params';

export const metadata = { title: 'Analyse' };

export default async function AnalyticsPage(props: IdPageProps) {
  await requirePageActor('analytics.read');
  const { id } = await readIdPage(props, 'Client');
  return (
    <Suspense fallback={<TabSkeleton label="Chargement de l'analyse" cards={3} />}>
      <AnalyticsTab customerId={id} />
    </Suspense>
  );
}
