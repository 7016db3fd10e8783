import { Suspense } from 'react';
import { FinancesTab } from '@/components/customers/tabs/finances-tab';
import { TabSkeleton } from '@/components/ui/skeleton';
import { can } from '@/lib/auth/permissions';
import { requirePageActor } from '@/lib/auth/session';
import { parseId } from '@/lib/http/parse';
import { notFound } from 'next/navigation';

export const metadata = { title: 'Finances' };

type SearchParams = Record<string, string | string[] | undefined>;

export default async function FinancesPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<SearchParams> }) {
  const actor = await requirePageActor('finance.read');
  const [{ id: rawId }, sp] = await Promise.all([params, searchParams]);
  let id: string;
  try {
    id = parseId(rawId, 'Client');
  } catch {
    notFound();
  }
  const flat = Object.fromEntries(Object.entries(sp).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v]));
  return (
    <Suspense key={JSON.stringify(flat)} fallback={<TabSkeleton label="Chargement des finances" cards={3} />}>
      <FinancesTab customerId={id} searchParams={flat} canWrite={can(actor.role, 'finance.write')} />
    </Suspense>
  );
}
