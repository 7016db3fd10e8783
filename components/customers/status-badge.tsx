import { Badge } from '@/components/ui/badge';
import { STATUS_LABELS } from '@/lib/customers/schema';

/**
 * Status + archived/erased markers, shared by the list and the 360 header. Active is the normal state
 * and gets no badge: a badge means something to notice (inactive, archived, erased).
 */
export function CustomerStatusBadges({
  status,
  archivedAt,
  erasedAt,
}: {
  status: 'active' | 'inactive';
  archivedAt?: Date | string | null;
  erasedAt?: Date | string | null;
}) {
  if (!erasedAt && !archivedAt && status === 'active') return null;
  return (
    <span className="inline-flex flex-wrap gap-1">
      {erasedAt ? (
        <Badge tone="danger">Données effacées</Badge>
      ) : (
        status !== 'active' && <Badge tone="neutral">{STATUS_LABELS[status]}</Badge>
      )}
      {archivedAt && !erasedAt && <Badge tone="warning">Archivé</Badge>}
    </span>
  );
}
