import { Suspense } from 'react';
import {
  BalanceRiskBlock,
  BlockSkeleton,
  ConsentsBlock,
  DocumentsBlock,
  NextInterventionBlock,
  RecentActivityBlock,
  SegmentBlock,
} from '@/components/customers/dashboard-360/blocks';
import { TasksSection } from '@/components/customers/profile/tasks-section';
import { customerPage } from '@/lib/customers/page';
import type { IdPageProps } from '@/lib/http/page-params';

export const metadata = { title: 'Vue 360°' };

/** One screen, each block streamed on its own; blocks the role may not see are not rendered at all. */
export default async function Dashboard360Page(props: Pick<IdPageProps, 'params'>) {
  const { id, actor, abilities } = await customerPage(props);
  return (
    <div className="grid gap-4 md:grid-cols-2 xl:grid-cols-3">
      <h2 className="sr-only">Vue 360°</h2>
      <div className="md:row-span-2">
        <Suspense fallback={<BlockSkeleton title="Dernières activités" />}>
          <RecentActivityBlock customerId={id} role={actor.role} />
        </Suspense>
      </div>
      {abilities.financeRead && (
        <Suspense fallback={<BlockSkeleton title="Solde et risque" />}>
          <BalanceRiskBlock customerId={id} />
        </Suspense>
      )}
      {abilities.analyticsRead && (
        <Suspense fallback={<BlockSkeleton title="Segment RFM" />}>
          <SegmentBlock customerId={id} />
        </Suspense>
      )}
      <Suspense fallback={<BlockSkeleton title="À faire" />}>
        <TasksSection customerId={id} viewer={actor} abilities={abilities} />
      </Suspense>
      <Suspense fallback={<BlockSkeleton title="Prochaine intervention" />}>
        <NextInterventionBlock customerId={id} />
      </Suspense>
      <Suspense fallback={<BlockSkeleton title="Consentements" />}>
        <ConsentsBlock customerId={id} />
      </Suspense>
      <Suspense fallback={<BlockSkeleton title="Documents" />}>
        <DocumentsBlock customerId={id} role={actor.role} />
      </Suspense>
    </div>
  );
}
