import type { Metadata } from 'next';
import type { ReactNode } from 'react';
import { CustomerHeader } from '@/components/customers/header';
import { PhoneActionBar } from '@/components/customers/phone-action-bar';
import { hasPhoneActions } from '@/components/customers/phone-actions';
import { QuickActions } from '@/components/customers/quick-actions';
import { TabNav } from '@/components/customers/tab-nav';
import { RememberCustomer } from '@/components/search/remember-customer';
import { customerContext } from '@/lib/customers/page';
import { customerDisplayName } from '@/lib/customers/schema';
import { itineraryHref } from '@/lib/geo/itinerary';
import { readIdPage } from '@/lib/http/page-params';

type Params = Promise<{ id: string }>;

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const { customer } = await customerContext((await readIdPage({ params }, 'Client')).id);
  return { title: `${customerDisplayName(customer)} (${customer.number})` };
}

/**
 * The 360 shell: header (identity + quick actions), tab bar and, on phones, the bottom action bar
 * (Appeler, Itinéraire, Photo, Note) stay while tabs change; each tab page
 * streams its own content behind a skeleton. The abilities computed here are the tab pages' too
 * (`customerContext` runs once per request).
 */
export default async function CustomerLayout({ children, params }: { children: ReactNode; params: Params }) {
  const { actor, customer, abilities } = await customerContext((await readIdPage({ params }, 'Client')).id);
  const erased = Boolean(customer.erasedAt);
  const phoneActions = {
    phone: erased ? null : (customer.mobile ?? customer.phone),
    itinerary: erased ? null : itineraryHref(customer, customerDisplayName(customer)),
    canPhoto: abilities.documentUpload,
    canNote: abilities.fieldUpdate,
  };
  const bar = hasPhoneActions(phoneActions);
  return (
    // Under lg the fixed action bar covers the bottom of the screen: room is left for it.
    <div className={bar ? 'space-y-4 pb-20 lg:pb-0' : 'space-y-4'}>
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
      {actor.id && (
        <RememberCustomer
          userId={actor.id}
          erased={erased}
          customer={{
            id: customer.id,
            label: customerDisplayName(customer),
            secondary: [customer.number, customer.city].filter(Boolean).join(' · '),
            href: `/customers/${customer.id}`,
          }}
        />
      )}
      <div>{children}</div>
      {bar && <PhoneActionBar customerId={customer.id} {...phoneActions} />}
    </div>
  );
}
