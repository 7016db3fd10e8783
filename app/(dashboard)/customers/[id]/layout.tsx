import type { Metadata } from 'next';
import type { ReactNode } from 'react';
import { CustomerHeader } from '@/components/customers/header';
import { QuickActions } from '@/components/customers/quick-actions';
import { TabNav } from '@/components/customers/tab-nav';
import { customerContext } from '@/lib/customers/page';
import { customerDisplayName } from '@/lib/customers/schema';
import { readIdPage } from '@/lib/http/page-params';

type Params = Promise<{ id: string }>;

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const { customer } = await customerContext((await readIdPage({ params }, 'Client')).id);
  return { title: `${customerDisplayName(customer)} (${customer.number})` };
}

/**
 * The 360 shell: header (identity + quick actions) and tab bar stay while tabs change; each tab page
 * streams its own content behind a skeleton. The abilities computed here are the tab pages' too
 * (`customerContext` runs once per request).
 */
export default async function CustomerLayout({ children, params }: { children: ReactNode; params: Params }) {
  const { customer, abilities } = await customerContext((await readIdPage({ params }, 'Client')).id);
  return (
    <div className="space-y-4">
      <CustomerHeader
        customer={customer}
        actions={
          <QuickActions
            customerId={customer.id}
            displayName={customerDisplayName(customer)}
            status={customer.status}
            archived={Boolean(customer.archivedAt)}
            hasEmail={Boolean(customer.email)}
            abilities={abilities}
          />
        }
      />
      <TabNav customerId={customer.id} abilities={abilities} />
      <div>{children}</div>
    </div>
  );
}
