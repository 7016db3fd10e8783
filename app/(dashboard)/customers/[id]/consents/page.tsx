import type { Metadata } from 'next';
import { Suspense } from 'react';
import { ConsentsTab } from '@/components/customers/tabs/consents-tab';
import { TabSkeleton } from '@/components/ui/skeleton';
import { requirePageActor } from '@/lib/auth/session';
import { type IdPageProps, readIdPage } from '@/lib/http/page-params';

export const metadata: Metadata = { title: 'Consentements' };

export default async function ConsentsPage(props: IdPageProps) {
  const actor = await requirePageActor('customer.read');
  const { id, query } = await readIdPage(props, 'Client');
  const cursor = typeof query.historyCursor === 'string' ? query.historyCursor : undefined;
  return (
    <Suspense key={cursor ?? 'first'} fallback={<TabSkeleton label="Chargement des consentements" cards={3} />}>
      <ConsentsTab id={id} actor={actor} historyCursor={cursor} />
    </Suspense>
  );
}
