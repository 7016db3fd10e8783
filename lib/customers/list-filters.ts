import 'server-only';
import { inArray, type SQL } from 'drizzle-orm';
import { type DbOrTx, getDb } from '@/db';
import { customers } from '@/db/schema';
import { isSegment, SEGMENTS, segmentCondition } from '@/lib/analytics/segments';
import { can, type Role } from '@/lib/auth/permissions';
import { complianceIssuesFilter } from '@/lib/consents/compliance';
import { AppError } from '@/lib/errors';
import { customerListColumns, listCustomers } from './queries';
import type { CustomerListQuery } from './schema';

/**
 * A segment filter is allowed to this viewer and names a segment: filtering by RFM segment reveals each
 * customer's segment, so it needs `analytics.read` (403); an unknown one is a 422. The list, its export and
 * the saved views (which keep filters for later) check it alike.
 */
export function assertSegmentFilter(viewer: { role: Role }, segment: string | undefined): void {
  if (!segment) return;
  if (!can(viewer.role, 'analytics.read'))
    throw AppError.forbidden('Le filtre par segment RFM est réservé aux rôles qui voient les analyses.');
  if (!isSegment(segment))
    throw AppError.validation({ segment: [`Segment inconnu. Valeurs possibles : ${SEGMENTS.join(', ')}.`] });
}

/**
 * Conditions owned by other modules (RFM segment from analytics, consent compliance from consents),
 * turned into `listCustomers(..., extraWhere)`, and the export's selection (`ids`). Shared by the API
 * route, the export and the list page.
 */
export async function customerListExtraWhere(
  db: DbOrTx,
  viewer: { role: Role },
  query: Pick<CustomerListQuery, 'segment' | 'compliance'> & { ids?: string[] },
): Promise<SQL[]> {
  const where: SQL[] = [];
  assertSegmentFilter(viewer, query.segment);
  if (query.segment && isSegment(query.segment)) where.push(await segmentCondition(db, query.segment));
  if (query.compliance === 'issues') where.push(complianceIssuesFilter());
  if (query.ids) where.push(inArray(customers.id, query.ids));
  return where;
}

/**
 * Customers list page: one page for the query, its segment and compliance filters included, with the
 * plate, last-visit and (for roles with finance.read, decided by the page) balance columns.
 */
export async function loadCustomerListPage(
  viewer: { role: Role },
  query: CustomerListQuery,
  options: { balance: boolean },
) {
  const db = getDb();
  const page = await listCustomers(db, query, await customerListExtraWhere(db, viewer, query));
  const columns = await customerListColumns(
    db,
    page.data.map((c) => c.id),
    options,
  );
  return {
    ...page,
    data: page.data.map((c) => ({ ...c, ...(columns.get(c.id) ?? { plate: null, lastVisitAt: null }) })),
  };
}
