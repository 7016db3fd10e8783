import 'server-only';
import { cache } from 'react';
import { getDb } from '@/db';
import type { Actor } from '@/lib/auth/actor';
import { type CustomerAbilities, customerAbilities, type Permission } from '@/lib/auth/permissions';
import { requirePageActor } from '@/lib/auth/session';
import { type IdPageProps, orNotFound, type PageSearchParams, readIdPage } from '@/lib/http/page-params';
import { type CustomerDetail, getCustomerOrThrow } from './queries';

/**
 * The customer of a /customers/[id] request, loaded once (the layout's header, its metadata and the tab
 * page share it). An unknown id renders the not-found page. `id` is already parsed (`readIdPage`).
 */
export const loadCustomer = cache((id: string): Promise<CustomerDetail> => orNotFound(getCustomerOrThrow(getDb(), id)));

/** What every page under /customers/[id] needs: who asks, the customer, and what they may do on it. */
export interface CustomerContext {
  actor: Actor;
  customer: CustomerDetail;
  abilities: CustomerAbilities;
}

/**
 * Abilities are decided here, once per request, for the layout (header actions, tab bar) and the tab
 * page alike. Signed out → login; unknown customer → not-found.
 */
export const customerContext = cache(async (id: string): Promise<CustomerContext> => {
  const actor = await requirePageActor('customer.read');
  const customer = await loadCustomer(id);
  return { actor, customer, abilities: customerAbilities(actor, customer) };
});

export interface CustomerPage extends CustomerContext {
  id: string;
  query: PageSearchParams;
}

/**
 * The entry of every customer tab page: checks the page's permission (→ /forbidden), parses the id
 * (malformed → not-found), then the shared context.
 *   const { id, query, abilities } = await customerPage(props, 'finance.read');
 */
export async function customerPage(
  props: Pick<IdPageProps, 'params'> & Partial<Pick<IdPageProps, 'searchParams'>>,
  permission: Permission = 'customer.read',
): Promise<CustomerPage> {
  await requirePageActor(permission);
  const { id, query } = await readIdPage(props, 'Client');
  return { id, query, ...(await customerContext(id)) };
}
