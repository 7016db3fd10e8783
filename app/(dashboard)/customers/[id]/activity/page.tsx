import { notFound } from 'next/navigation';
import { Suspense } from 'react';
import { ActivityTab } from '@/components/customers/tabs/activity-tab';
import { TabSkeleton } from '@/components/ui/skeleton';
import { can } from '@/lib/auth/permissions';
import { requirePageActor } from '@/lib/auth/session';
import { parseId } from '@/lib/http/parse';

export const metadata = { title: 'Activité' };

type SearchParams = Record<string, string | string[] | undefined>;

export default async function ActivityPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<SearchParams> }) {
  const actor = await requirePageActor('customer.read');
  const [{ id: rawId }, sp] = await Promise.all([params, searchParams]);
  let id: string;
  try {
    id = parseId(rawId, 'Client');
  } catch {
    notFound();
  }
  const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);
  const filters = { type: sp.type, from: one(sp.from), to: one(sp.to) };
  return (
    <Suspense key={JSON.stringify(filters)} fallback={<TabSkeleton label="Chargement de l’activité" cards={2} />}>
      <ActivityTab customerId={id} searchParams={filters} canCreate={can(actor.role, 'activity.create')} />
    </Suspense>
  );
}
