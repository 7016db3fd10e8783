import { Suspense } from 'react';
import { DocumentsTab } from '@/components/customers/tabs/documents-tab';
import { TabSkeleton } from '@/components/ui/skeleton';
import { requirePageActor } from '@/lib/auth/session';
import { firstParam, type IdPageProps, readIdPage } from '@/lib/http/page-params';

export const metadata = { title: 'Documents' };

export default async function DocumentsPage(props: IdPageProps) {
  const actor = await requirePageActor('customer.read');
  const { id, query } = await readIdPage(props, 'Client');
  const category = firstParam(query.category);
  return (
    <Suspense key={category ?? ''} fallback={<TabSkeleton label="Chargement des documents" cards={2} />}>
      <DocumentsTab customerId={id} category={category} actor={actor} />
    </Suspense>
  );
}
