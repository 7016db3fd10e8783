import type { Metadata } from 'next';
import Link from 'next/link';
import { BulkSelectionProvider } from '@/components/customers/bulk-selection';
import { BulkToolbar } from '@/components/customers/bulk-toolbar';
import { CustomerFilters, type CustomerFilterValues } from '@/components/customers/customer-filters';
import { CustomerList } from '@/components/customers/customer-list';
import { ExportMenu } from '@/components/customers/export-menu';
import { SavedViewsBar } from '@/components/customers/saved-views-bar';
import { buttonClasses } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/empty-state';
import { can } from '@/lib/auth/permissions';
import { requirePageActor } from '@/lib/auth/session';
import { SEGMENT_LABELS, SEGMENTS } from '@/lib/analytics/segments';
import { loadCustomerListPage } from '@/lib/customers/list-filters';
import { customerListExportHref, customerListHref, meaningfulFilters, pickListParams } from '@/lib/customers/list-url';
import { loadCustomerListChoices } from '@/lib/customers/queries';
import { customerListQuerySchema } from '@/lib/customers/schema';
import { AppError } from '@/lib/errors';
import { loadSavedViews } from '@/lib/saved-views/queries';

export const metadata: Metadata = { title: 'Clients' };

type SearchParams = Record<string, string | string[] | undefined>;

export default async function CustomersPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const actor = await requirePageActor('customer.read');
  const params = pickListParams(await searchParams);
  // RFM segments need analytics.read: the filter is not offered, and a hand-written ?segment= is ignored.
  const seesSegments = can(actor.role, 'analytics.read');
  if (!seesSegments) delete params.segment;
  const parsed = customerListQuerySchema.safeParse(params);
  // A hand-edited URL with an unknown filter value: show the list unfiltered rather than an error page.
  const query = parsed.success ? parsed.data : customerListQuerySchema.parse({});

  // Money stays with finance.read: the balance column is neither queried nor rendered otherwise.
  const showBalance = can(actor.role, 'finance.read');
  let page: Awaited<ReturnType<typeof loadCustomerListPage>> | null = null;
  let problem: string | null = parsed.success
    ? null
    : 'Certains filtres de l’adresse étaient invalides et ont été ignorés.';
  try {
    page = await loadCustomerListPage(actor, query, { balance: showBalance });
  } catch (error) {
    if (!(error instanceof AppError) || (error.code !== 'bad_request' && error.code !== 'validation_failed'))
      throw error;
    problem =
      error.code === 'bad_request'
        ? 'Ce lien de pagination n’est plus valide. Reprenez depuis la première page.'
        : 'Un filtre de l’adresse est invalide. Réinitialisez les filtres.';
  }
  const [{ tags, cities }, views] = await Promise.all([loadCustomerListChoices(), loadSavedViews(actor)]);

  const values: CustomerFilterValues = parsed.success ? params : {};
  const filtered = Boolean(
    params.q ||
    params.status ||
    params.kind ||
    params.tag ||
    params.city ||
    params.segment ||
    params.compliance ||
    (params.archived && params.archived !== 'exclude'),
  );
  const canCreate = can(actor.role, 'customer.create');
  // « Actions groupées »: the same permissions the server action and the routes check.
  const bulk = { update: can(actor.role, 'customer.update'), export: can(actor.role, 'customer.export') };
  const selectable = bulk.update || bulk.export;
  const viewQuery = parsed.success ? new URLSearchParams(meaningfulFilters(params)).toString() : '';

  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h1 className="text-2xl font-semibold text-slate-900">Clients</h1>
        <div className="flex flex-wrap gap-2">
          {bulk.export && page && page.data.length > 0 && (
            <ExportMenu
              label="Exporter"
              hrefs={{ csv: customerListExportHref('csv', params), xlsx: customerListExportHref('xlsx', params) }}
            />
          )}
          {canCreate && (
            <Link href="/customers/new" className={buttonClasses('primary')}>
              Nouveau client
            </Link>
          )}
        </div>
      </div>

      <CustomerFilters
        values={values}
        tags={tags}
        cities={cities}
        segments={seesSegments ? SEGMENTS.map((value) => ({ value, label: SEGMENT_LABELS[value] })) : null}
      />

      <SavedViewsBar views={views} params={params} query={viewQuery} canShare={can(actor.role, 'view.share')} />

      {problem && (
        <p role="alert" className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900">
          {problem}
        </p>
      )}

      <section aria-labelledby="results-heading" className="space-y-3">
        <h2 id="results-heading" className="sr-only">
          Résultats
        </h2>
        {page && page.data.length > 0 ? (
          selectable ? (
            // Keyed on the rows: another page, filter or a row gone (archived) starts a fresh selection.
            <BulkSelectionProvider key={page.data.map((c) => c.id).join()} ids={page.data.map((c) => c.id)}>
              <BulkToolbar abilities={bulk} tags={tags} />
              <CustomerList items={page.data} showBalance={showBalance} selectable />
            </BulkSelectionProvider>
          ) : (
            <CustomerList items={page.data} showBalance={showBalance} />
          )
        ) : page ? (
          filtered ? (
            <EmptyState
              title="Aucun client ne correspond à cette recherche"
              description="Vérifiez l’orthographe ou retirez des filtres."
              action={
                <Link href="/customers" className={buttonClasses('secondary')}>
                  Réinitialiser les filtres
                </Link>
              }
            />
          ) : (
            <EmptyState
              title={params.cursor ? 'Plus aucun client' : 'Aucun client pour le moment'}
              description={canCreate && !params.cursor ? 'Créez la première fiche client.' : undefined}
              action={
                canCreate && !params.cursor ? (
                  <Link href="/customers/new" className={buttonClasses('primary')}>
                    Nouveau client
                  </Link>
                ) : undefined
              }
            />
          )
        ) : null}

        <nav aria-label="Pagination" className="flex flex-wrap items-center justify-between gap-2">
          {params.cursor ? (
            <Link href={customerListHref(params)} className={buttonClasses('secondary')}>
              Première page
            </Link>
          ) : (
            <span />
          )}
          {page?.nextCursor && (
            <Link href={customerListHref(params, page.nextCursor)} className={buttonClasses('secondary')} rel="next">
              Page suivante
            </Link>
          )}
        </nav>
      </section>
    </div>
  );
}
