/**
 * Tags of the Profile tab (server part). The customer (with its tags) comes from the per-request cache.
 *   <TagsSection customerId={customer.id} />
 */
import { getDb } from '@/db';
import { can } from '@/lib/auth/permissions';
import { getCurrentActor } from '@/lib/auth/session';
import { listTagsWithCounts } from '@/lib/tags/queries';
import { loadCustomer } from '../load-customer';
import { TagsEditor } from './tags-editor';

export async function TagsSection({ customerId }: { customerId: string }) {
  const [customer, actor, all] = await Promise.all([
    loadCustomer(customerId),
    getCurrentActor(),
    listTagsWithCounts(getDb()),
  ]);
  const canEdit = !!actor && can(actor.role, 'customer.update') && !customer.erasedAt;
  return <TagsEditor customerId={customer.id} tags={customer.tags} allTags={canEdit ? all : []} canEdit={canEdit} />;
}
