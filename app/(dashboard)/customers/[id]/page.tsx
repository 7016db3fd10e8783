import { Suspense } from 'react';
import { ProfileTab } from '@/components/customers/tabs/profile-tab';
import { TabSkeleton } from '@/components/ui/skeleton';

export default async function CustomerProfilePage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return (
    <Suspense fallback={<TabSkeleton label="Chargement du profil…" cards={3} />}>
      <ProfileTab customerId={id} />
    </Suspense>
  );
}
