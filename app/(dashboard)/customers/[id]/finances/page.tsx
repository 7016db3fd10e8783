import { Suspense } from 'react';
import { FinancesTab } from '@/components/customers/tabs/finances-tab';
import { TabSkeleton } from '@/components/ui/skeleton';
import { can } from '@/lib/auth/permissions';
import { requirePageActor } from '@/lib/auth/session';
import { firstParam, type IdPageProps, readIdPage } from '@/lib/http/page-params';

export const metadata = { title: 'Finances' };

export default async function FinancesPage(props: IdPageProps) {
  const actor = await requirePageActor('finance.read');
  const { id, query } = await readIdPage(props, 'Client');
  const flat = Object.fromEntries(Object.entries(query).map(([k, v]) => [k, firstParam(v)]));
  return (
    <Suspense key={JSON.stringify(flat)} fallback={<TabSkeleton label="Chargement des finances" cards={3} />}>
      <FinancesTab customerId={id} searchParams={flat} canWrite={can(actor.role, 'finance.write')} />
    </Suspense>
  );
}
