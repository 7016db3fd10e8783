/**
 * Tags of the Profile tab (server part): the customer's tags, and every tag to choose from when the
 * viewer may edit them.
 *   <TagsSection customerId={customer.id} tags={customer.tags} canEdit={abilities.update} />
 */
import type { TagDto } from '@/lib/customers/types';
import { loadTagChoices } from '@/lib/tags/queries';
import { TagsEditor } from './tags-editor';

export async function TagsSection({
  customerId,
  tags,
  canEdit,
}: {
  customerId: string;
  tags: TagDto[];
  canEdit: boolean;
}) {
  const all = canEdit ? await loadTagChoices() : [];
  return <TagsEditor customerId={customerId} tags={tags} allTags={all} canEdit={canEdit} />;
}
