import Link from 'next/link';
import { DocumentList } from '@/components/documents/document-list';
import { UploadZone } from '@/components/documents/upload-zone';
import { Card } from '@/components/ui/card';
import { cn } from '@/components/ui/cn';
import { EmptyState } from '@/components/ui/empty-state';
import { formatBytes } from '@/components/ui/format';
import type { Actor } from '@/lib/auth/actor';
import { type CustomerAbilities, documentVisibility } from '@/lib/auth/permissions';
import { DOCUMENT_CATEGORY_LABELS, DOCUMENT_CATEGORY_OPTIONS } from '@/lib/documents/labels';
import { loadDocumentsTab } from '@/lib/documents/queries';
import { documentCategorySchema, type DocumentCategory } from '@/lib/documents/schema';
import { orNotFound } from '@/lib/http/page-params';
import { maxUploadBytes } from '@/lib/storage';

/** Documents tab: stats per category (also the filter), upload zone, list. */
export async function DocumentsTab({
  customerId,
  category,
  viewer,
  abilities,
}: {
  customerId: string;
  category?: string;
  /** Decides which documents show and which the viewer may delete (their own, for a technician). */
  viewer: Actor;
  abilities: Pick<CustomerAbilities, 'documentUpload'>;
}) {
  const parsed = documentCategorySchema.safeParse(category);
  const active: DocumentCategory | undefined = parsed.success ? parsed.data : undefined;
  const { data, stats } = await orNotFound(loadDocumentsTab(customerId, viewer, active));
  const path = `/customers/${customerId}/documents`;
  const chip = (selected: boolean) =>
    cn(
      'inline-flex min-h-11 items-center gap-2 rounded-full border px-3 text-sm',
      selected
        ? 'border-blue-600 bg-blue-50 text-blue-900'
        : 'border-slate-300 bg-white text-slate-800 hover:bg-slate-50',
    );
  const withDocs = DOCUMENT_CATEGORY_OPTIONS.filter((c) => stats.byCategory[c] || c === active);

  return (
    <div className="space-y-4">
      {abilities.documentUpload && (
        <UploadZone customerId={customerId} maxBytes={maxUploadBytes()} defaultCategory={active} />
      )}
      <Card
        title="Documents"
        description={
          stats.count
            ? `${stats.count} document${stats.count > 1 ? 's' : ''} · ${formatBytes(stats.totalBytes)} au total`
            : 'Aucun document pour l’instant'
        }
      >
        <nav aria-label="Filtrer par catégorie" className="mb-3 flex flex-wrap gap-2" data-testid="document-categories">
          <Link href={path} className={chip(!active)} aria-current={!active ? 'page' : undefined}>
            Toutes <span className="tabular-nums text-slate-600">{stats.count}</span>
          </Link>
          {withDocs.map((c) => (
            <Link
              key={c}
              href={`${path}?category=${c}`}
              className={chip(active === c)}
              aria-current={active === c ? 'page' : undefined}
            >
              {DOCUMENT_CATEGORY_LABELS[c]}
              <span className="tabular-nums text-slate-600">
                {stats.byCategory[c]?.count
                  ? `${stats.byCategory[c].count} · ${formatBytes(stats.byCategory[c].bytes)}`
                  : 'aucun'}
              </span>
            </Link>
          ))}
        </nav>
        {category && !parsed.success && (
          <p role="alert" className="mb-3 text-sm text-red-700">
            Catégorie inconnue : tous les documents sont affichés.
          </p>
        )}
        {data.length === 0 ? (
          <EmptyState
            title={active ? 'Aucun document dans cette catégorie' : 'Aucun document'}
            description={abilities.documentUpload ? 'Déposez un premier fichier ci-dessus.' : undefined}
          />
        ) : (
          <DocumentList
            customerId={customerId}
            documents={data}
            editRoles={abilities.documentUpload ? documentVisibility(viewer.role) : []}
          />
        )}
      </Card>
    </div>
  );
}
