import { notFound } from 'next/navigation';
import { Suspense } from 'react';
import { AnalyticsTab } from '@/components/customers/tabs/analytics-tab';
import { TabSkeleton } from '@/components/ui/skeleton';
import { requirePageActor } from '@/lib/auth/session';
import { parseId } from '@/lib/http/parse';

export const metadata = { title: 'Analyse' };

export default async function AnalyticsPage({ params }: { params: Promise<{ id: string }> }) {
  await requirePageActor('analytics.read');
  const { id: rawId } = await params;
  let id: string;
  try {
    id = parseId(rawId, 'Client');
  } catch {
    notFound();
  }
  return (
    <Suspense fallback={<TabSkeleton label="Chargement de l'analyse" cards={3} />}>
      <AnalyticsTab customerId={id} />
    </Suspense>
  );
}
