'use client';

import { useRouter } from 'next/navigation';
import { Badge } from '@/components/ui/badge';
import { buttonClasses } from '@/components/ui/button';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { formatBytes, formatDateTime } from '@/components/ui/format';
import { useToast } from '@/components/ui/toast';
import { deleteDocumentAction } from '@/lib/documents/actions';
import { DOCUMENT_CATEGORY_LABELS, isPreviewableMime } from '@/lib/documents/labels';
import type { DocumentListItem } from '@/lib/documents/queries';
import type { Role } from '@/lib/auth/permissions';
import { DocumentEditDialog } from './document-edit-dialog';
import { PreviewDialog } from './preview-dialog';

/** Table on wide screens, cards on phones; each row: preview, download, edit and delete (when allowed). */
export function DocumentList({
  customerId,
  documents,
  editRoles,
}: {
  customerId: string;
  documents: DocumentListItem[];
  /** The minimum roles the viewer may give a document; empty when they may edit none (erased customer, viewer). */
  editRoles: readonly Role[];
}) {
  const router = useRouter();
  const toast = useToast();

  async function remove(doc: DocumentListItem) {
    const result = await deleteDocumentAction(customerId, doc.id, { ok: false, message: '' }, new FormData());
    if (result.ok) {
      toast.success(result.message);
      router.refresh();
    } else toast.error(result.message);
    return result.ok;
  }

  return (
    <ul className="divide-y divide-slate-100" data-testid="document-list">
      {documents.map((d) => {
        const url = `/api/customers/${customerId}/documents/${d.id}`;
        return (
          <li
            key={d.id}
            className="flex flex-col gap-2 py-3 md:flex-row md:items-center md:gap-4"
            data-testid="document-row"
            data-document-id={d.id}
          >
            <div className="min-w-0 flex-1">
              <p className="truncate font-medium text-slate-900" title={d.originalName}>
                {d.originalName}
              </p>
              <p className="mt-0.5 flex flex-wrap items-center gap-x-2 gap-y-1 text-xs text-slate-600">
                <Badge tone="info">{DOCUMENT_CATEGORY_LABELS[d.category]}</Badge>
                <span>{formatBytes(d.sizeBytes)}</span>
                <span>· {d.uploadedBy.name}</span>
                <time dateTime={d.uploadedAt}>· {formatDateTime(d.uploadedAt)}</time>
              </p>
              {d.description && <p className="mt-1 text-sm break-words text-slate-700">{d.description}</p>}
            </div>
            <div className="flex flex-wrap gap-2">
              {isPreviewableMime(d.mimeType) && <PreviewDialog name={d.originalName} url={url} mime={d.mimeType} />}
              <a
                href={url}
                download
                className={buttonClasses('secondary', 'sm')}
                aria-label={`Télécharger ${d.originalName}`}
              >
                Télécharger
              </a>
              {d.canEdit && editRoles.length > 0 && (
                <DocumentEditDialog customerId={customerId} document={d} roles={editRoles} />
              )}
              {d.canDelete && (
                <ConfirmDialog
                  triggerLabel="Supprimer"
                  triggerSize="sm"
                  triggerAriaLabel={`Supprimer ${d.originalName}`}
                  title="Supprimer ce document ?"
                  confirmLabel="Supprimer"
                  pendingLabel="Suppression…"
                  onConfirm={() => remove(d)}
                >
                  <p>
                    « {d.originalName} » sera supprimé définitivement du stockage. L’historique gardera la trace de la
                    suppression.
                  </p>
                </ConfirmDialog>
              )}
            </div>
          </li>
        );
      })}
    </ul>
  );
}
