import { Suspense } from 'react';
import {
  BalanceRiskBlock,
  BlockSkeleton,
  ConsentsBlock,
  DocumentsBlock,
  RecentActivityBlock,
  SegmentBlock,
} from '@/components/customers/dashboard-360/blocks';
import { can } from '@/lib/auth/permissions';
import { requirePageActor } from '@/lib/auth/session';
import { type IdPageProps, readIdPage } from '@/lib/http/page-params';

export const metadata = { title: 'Vue 360°' };

/** One screen, each block streamed on its own; blocks the role may not see are not rendered at all. */
export default async function Dashboard360Page(props: Pick<IdPageProps, 'params'>) {
  const actor = await requirePageActor('customer.read');
  const { id } = await readIdPage(props, 'Client');
  return (
    <div className="grid gap-4 md:grid-cols-2 xl:grid-cols-3">
      <h2 className="sr-only">Vue 360°</h2>
      <div className="md:row-span-2">
        <Suspense fallback={<BlockSkeleton title="Dernières activités" />}>
          <RecentActivityBlock customerId={id} />
        </Suspense>
      </div>
      {can(actor.role, 'finance.read') && (
        <Suspense fallback={<BlockSkeleton title="Solde et risque" />}>
          <BalanceRiskBlock customerId={id} />
        </Suspense>
      )}
      {can(actor.role, 'analytics.read') && (
        <Suspense fallback={<BlockSkeleton title="Segment RFM" />}>
          <SegmentBlock customerId={id} />
        </Suspense>
      )}
      <Suspense fallback={<BlockSkeleton title="Consentements" />}>
        <ConsentsBlock customerId={id} />
      </Suspense>
      <Suspense fallback={<BlockSkeleton title="Documents" />}>
        <DocumentsBlock customerId={id} role={actor.role} />
      </Suspense>
    </div>
  );
}
