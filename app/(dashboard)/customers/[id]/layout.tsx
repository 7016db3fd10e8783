import type { Metadata } from 'next';
import type { ReactNode } from 'react';
import { CustomerHeader } from '@/components/customers/header';
import { loadCustomer } from '@/components/customers/load-customer';
import { QuickActions } from '@/components/customers/quick-actions';
import { TabNav } from '@/components/customers/tab-nav';
import { can } from '@/lib/auth/permissions';
import { requirePageActor } from '@/lib/auth/session';
import { customerDisplayName } from '@/lib/customers/schema';

type Params = Promise<{ id: string }>;

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  await requirePageActor('customer.read');
  const customer = await loadCustomer((await params).id);
  return { title: `${customerDisplayName(customer)} (${customer.number})` };
}

/**
 * The 360 shell: header (identity + quick actions) and tab bar stay while tabs change; each tab page
 * streams its own content behind a skeleton.
 */
export default async function CustomerLayout({ children, params }: { children: ReactNode; params: Params }) {
  const actor = await requirePageActor('customer.read');
  const customer = await loadCustomer((await params).id);
  const erased = Boolean(customer.erasedAt);
  const role = actor.role;

  return (
    <div className="space-y-4">
      <CustomerHeader
        customer={customer}
        actions={
          erased ? null : (
            <QuickActions
              customerId={customer.id}
              displayName={customerDisplayName(customer)}
              status={customer.status}
              archived={Boolean(customer.archivedAt)}
              hasEmail={Boolean(customer.email)}
              allowed={{
                update: can(role, 'customer.update'),
                status: can(role, 'customer.status'),
                delete: can(role, 'customer.delete'),
                emailSend: can(role, 'email.send'),
                duplicate: can(role, 'customer.duplicate'),
                export: can(role, 'customer.export'),
              }}
            />
          )
        }
      />
      <TabNav
        customerId={customer.id}
        showAnalytics={can(role, 'analytics.read')}
        showFinances={can(role, 'finance.read')}
      />
      <div>{children}</div>
    </div>
  );
}
