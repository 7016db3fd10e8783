import { Suspense } from 'react';
import { ProfileTab } from '@/components/customers/tabs/profile-tab';
import { TabSkeleton } from '@/components/ui/skeleton';
import { customerPage } from '@/lib/customers/page';
import type { IdPageProps } from '@/lib/http/page-params';

export default async function CustomerProfilePage(props: Pick<IdPageProps, 'params'>) {
  const { customer, abilities, actor } = await customerPage(props);
  return (
    <Suspense fallback={<TabSkeleton label="Chargement du profil…" cards={3} />}>
      <ProfileTab customer={customer} abilities={abilities} viewer={actor} />
    </Suspense>
  );
}
