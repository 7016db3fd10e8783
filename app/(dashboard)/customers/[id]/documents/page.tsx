import { Suspense } from 'react';
import { DocumentsTab } from '@/components/customers/tabs/documents-tab';
import { TabSkeleton } from '@/components/ui/skeleton';
import { customerPage } from '@/lib/customers/page';
import { firstParam, type IdPageProps } from '@/lib/http/page-params';

export const metadata = { title: 'Documents' };

export default async function DocumentsPage(props: IdPageProps) {
  const { id, query, actor, abilities } = await customerPage(props);
  const category = firstParam(query.category);
  return (
    <Suspense key={category ?? ''} fallback={<TabSkeleton label="Chargement des documents" cards={2} />}>
      <DocumentsTab customerId={id} category={category} viewer={actor} abilities={abilities} />
    </Suspense>
  );
}
