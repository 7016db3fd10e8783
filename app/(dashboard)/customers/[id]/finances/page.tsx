import { Suspense } from 'react';
import { FinancesTab } from '@/components/customers/tabs/finances-tab';
import { TabSkeleton } from '@/components/ui/skeleton';
import { customerPage } from '@/lib/customers/page';
import { firstParam, type IdPageProps } from '@/lib/http/page-params';

export const metadata = { title: 'Finances' };

export default async function FinancesPage(props: IdPageProps) {
  const { id, query, abilities } = await customerPage(props, 'finance.read');
  const flat = Object.fromEntries(Object.entries(query).map(([k, v]) => [k, firstParam(v)]));
  return (
    <Suspense key={JSON.stringify(flat)} fallback={<TabSkeleton label="Chargement des finances" cards={3} />}>
      <FinancesTab customerId={id} searchParams={flat} abilities={abilities} />
    </Suspense>
  );
}
