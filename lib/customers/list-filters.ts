import 'server-only';
import type { SQL } from 'drizzle-orm';
import { type DbOrTx, getDb } from '@/db';
import { isSegment, SEGMENTS, segmentCondition } from '@/lib/analytics/segments';
import { complianceIssuesFilter } from '@/lib/consents/compliance';
import { AppError } from '@/lib/errors';
import { customerListColumns, listCustomers } from './queries';
import type { CustomerListQuery } from './schema';

/**
 * Conditions owned by other modules (RFM segment from analytics, consent compliance from consents),
 * turned into `listCustomers(..., extraWhere)`. Shared by the API route and the list page.
 */
export async function customerListExtraWhere(
  db: DbOrTx,
  query: Pick<CustomerListQuery, 'segment' | 'compliance'>,
): Promise<SQL[]> {
  const where: SQL[] = [];
  if (query.segment) {
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
export async function loadCustomerListPage(query: CustomerListQuery, options: { balance: boolean }) {
  const db = getDb();
  const page = await listCustomers(db, query, await customerListExtraWhere(db, query));
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
