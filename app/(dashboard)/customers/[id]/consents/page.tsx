import type { Metadata } from 'next';
import { Suspense } from 'react';
import { ConsentsTab } from '@/components/customers/tabs/consents-tab';
import { TabSkeleton } from '@/components/ui/skeleton';
import { requirePageActor } from '@/lib/auth/session';

export const metadata: Metadata = { title: 'Consentements' };

export default async function ConsentsPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const actor = await requirePageActor('customer.read');
  const [{ id }, sp] = await Promise.all([params, searchParams]);
  const cursor = typeof sp.historyCursor === 'string' ? sp.historyCursor : undefined;
  return (
    <Suspense key={cursor ?? 'first'} fallback={<TabSkeleton label="Chargement des consentements" cards={3} />}>
      <ConsentsTab id={id} actor={actor} historyCursor={cursor} />
    </Suspense>
  );
}
