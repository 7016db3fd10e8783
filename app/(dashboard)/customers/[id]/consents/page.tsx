import type { Metadata } from 'next';
import { Suspense } from 'react';
import { ConsentsTab } from '@/components/customers/tabs/consents-tab';
import { TabSkeleton } from '@/components/ui/skeleton';
import { can } from '@/lib/auth/permissions';
import { customerPage } from '@/lib/customers/page';
import { type IdPageProps } from '@/lib/http/page-params';

export const metadata: Metadata = { title: 'Consentements' };

export default async function ConsentsPage(props: IdPageProps) {
  const { customer, query, actor, abilities } = await customerPage(props);
  const cursor = typeof query.historyCursor === 'string' ? query.historyCursor : undefined;
  const emailsCursor = typeof query.emailsCursor === 'string' ? query.emailsCursor : undefined;
  return (
    <Suspense
      key={`${cursor ?? 'first'}:${emailsCursor ?? 'first'}`}
      fallback={<TabSkeleton label="Chargement des consentements" cards={3} />}
    >
      <ConsentsTab
        customer={customer}
        role={actor.role}
        abilities={abilities}
        historyCursor={cursor}
        emailsCursor={emailsCursor}
        canManageTemplates={can(actor.role, 'email.template')}
      />
    </Suspense>
  );
}
