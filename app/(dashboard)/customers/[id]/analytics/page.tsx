import { Suspense } from 'react';
import { AnalyticsTab } from '@/components/customers/tabs/analytics-tab';
import { TabSkeleton } from '@/components/ui/skeleton';
import { customerPage } from '@/lib/customers/page';
import type { IdPageProps } from '@/lib/http/page-params';

export const metadata = { title: 'Analyse' };

export default async function AnalyticsPage(props: IdPageProps) {
  const { id } = await customerPage(props, 'analytics.read');
  return (
    <Suspense fallback={<TabSkeleton label="Chargement de l’analyse" cards={3} />}>
      <AnalyticsTab customerId={id} />
    </Suspense>
  );
}
