import { Suspense } from 'react';
import { ProfileTab } from '@/components/customers/tabs/profile-tab';
import { TabSkeleton } from '@/components/ui/skeleton';
import { type IdPageProps, readIdPage } from '@/lib/http/page-params';

// The role is checked by ProfileTab (requirePageActor), inside the Suspense boundary.
export default async function CustomerProfilePage(props: Pick<IdPageProps, 'params'>) {
  const { id } = await readIdPage(props, 'Client');
  return (
    <Suspense fallback={<TabSkeleton label="Chargement du profil…" cards={3} />}>
      <ProfileTab customerId={id} />
    </Suspense>
  );
}
