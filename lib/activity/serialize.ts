import type { customerActivity } from '@/db/schema';
import type { ActivityDto } from './schema';

export type ActivityRow = typeof customerActivity.$inferSelect;

export function serializeActivity(row: ActivityRow): ActivityDto {
  return {
    id: row.id,
    customerId: row.customerId,
    type: row.type,
    title: row.title,
    description: row.description,
    metadata: row.metadata ?? {},
    actor: { kind: row.actorKind, id: row.actorId, name: row.actorName },
    relatedType: row.relatedType,
    relatedId: row.relatedId,
    occurredAt: new Date(row.occurredAt).toISOString(),
    createdAt: new Date(row.createdAt).toISOString(),
    editedAt: row.editedAt ? new Date(row.editedAt).toISOString() : null,
  };
}
