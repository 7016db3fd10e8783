/**
 * Tags of the Profile tab (server part).
 *   <TagsSection customerId={customer.id} />
 */
import { getDb } from '@/db';
import { can } from '@/lib/auth/permissions';
import { getCurrentActor } from '@/lib/auth/session';
import { listCustomerTags, listTagsWithCounts } from '@/lib/tags/queries';
import { TagsEditor } from './tags-editor';

export async function TagsSection({ customerId }: { customerId: string }) {
  const db = getDb();
  const [actor, tags, all] = await Promise.all([getCurrentActor(), listCustomerTags(db, customerId), listTagsWithCounts(db)]);
  return <TagsEditor customerId={customerId} tags={tags} allTags={all} canEdit={!!actor && can(actor.role, 'customer.update')} />;
}
