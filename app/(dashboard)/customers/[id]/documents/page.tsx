import { notFound } from 'next/navigation';
import { Suspense } from 'react';
import { DocumentsTab } from '@/components/customers/tabs/documents-tab';
import { TabSkeleton } from '@/components/ui/skeleton';
import { requirePageActor } from '@/lib/auth/session';
import { parseId } from '@/lib/http/parse';

export const metadata = { title: 'Documents' };

type SearchParams = Record<string, string | string[] | undefined>;

export default async function DocumentsPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<SearchParams> }) {
  const actor = await requirePageActor('customer.read');
  const [{ id: rawId }, sp] = await Promise.all([params, searchParams]);
  let id: string;
  try {
    id = parseId(rawId, 'Client');
  } catch {
    notFound();
  }
  const category = Array.isArray(sp.category) ? sp.category[0] : sp.category;
  return (
    <Suspense key={category ?? ''} fallback={<TabSkeleton label="Chargement des documents" cards={2} />}>
      <DocumentsTab customerId={id} category={category} actor={actor} />
    </Suspense>
  );
}
