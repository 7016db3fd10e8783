import 'server-only';
import type { SQL } from 'drizzle-orm';
import { type DbOrTx, getDb } from '@/db';
import { isSegment, SEGMENTS, segmentCondition } from '@/lib/analytics/segments';
import { can, type Role } from '@/lib/auth/permissions';
import { complianceIssuesFilter } from '@/lib/consents/compliance';
import { AppError } from '@/lib/errors';
import { customerListColumns, listCustomers } from './queries';
import type { CustomerListQuery } from './schema';

/**
 * Conditions owned by other modules (RFM segment from analytics, consent compliance from consents),
 * turned into `listCustomers(..., extraWhere)`. Shared by the API route, the export and the list page.
 * Filtering by RFM segment reveals each customer's segment: it needs `analytics.read` (403).
 */
export async function customerListExtraWhere(
  db: DbOrTx,
  viewer: { role: Role },
  query: Pick<CustomerListQuery, 'segment' | 'compliance'>,
): Promise<SQL[]> {
  const where: SQL[] = [];
  if (query.segment) {
    if (!can(viewer.role, 'analytics.read'))
      throw AppError.forbidden('Le filtre par segment RFM est réservé aux rôles qui voient les analyses.');
    if (!isSegment(query.segment)) {
      throw AppError.validation({ segment: [`Segment inconnu. Valeurs possibles : ${SEGMENTS.join(', ')}.`] });
    }
    where.push(await segmentCondition(db, query.segment));
  }
  if (query.compliance === 'issues') where.push(complianceIssuesFilter());
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
