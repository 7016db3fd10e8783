import { and, count, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { DbOrTx } from '@/db';
import { customerDocuments, customers } from '@/db/schema';
import { ROLES, type Role } from '@/db/schema/enums';
import type { Actor } from '@/lib/auth/actor';
import { canDeleteDocument, roleAtLeast } from '@/lib/auth/permissions';
import { AppError } from '@/lib/errors';
import type { DocumentCategory, DocumentDto, DocumentListQuery, DocumentStats } from './schema';
import { type DocumentRow, serializeDocument } from './serialize';

/** Documents per customer are few; the list is capped rather than paginated (SPEC: `{data, stats}`). */
export const DOCUMENT_LIST_CAP = 500;

export type DocumentListItem = DocumentDto & { canDelete?: boolean };

/** The minimum roles a viewer with `role` may see (documents carry a "minimum role to view"). */
function visibleMinRoles(role: Role): Role[] {
  return ROLES.filter((r) => roleAtLeast(role, r));
}

function visibleTo(customerId: string, viewer?: Pick<Actor, 'role'>) {
  return and(
    eq(customerDocuments.customerId, customerId),
    isNull(customerDocuments.deletedAt),
    viewer ? inArray(customerDocuments.minRole, visibleMinRoles(viewer.role)) : undefined,
  );
}

/** 404 when the customer does not exist (or was erased): a list of nothing would hide a typo. */
export async function assertCustomerExists(db: DbOrTx, customerId: string): Promise<void> {
  const [row] = await db
    .select({ id: customers.id, erasedAt: customers.erasedAt })
    .from(customers)
    .where(eq(customers.id, customerId))
    .limit(1);
  if (!row) throw AppError.notFound('Client introuvable.');
}

/**
 * The customer's documents, newest first, optionally one category. Stats always describe all the
 * documents the viewer may see (not only the filtered category) so the category chips keep
 * their counts while filtering.
 */
export async function listDocuments(
  db: DbOrTx,
  customerId: string,
  query: DocumentListQuery = {},
  viewer?: Actor,
): Promise<{ data: DocumentListItem[]; stats: DocumentStats }> {
  await assertCustomerExists(db, customerId);
  const base = visibleTo(customerId, viewer);
  const [rows, grouped] = await Promise.all([
    db
      .select()
      .from(customerDocuments)
      .where(and(base, query.category ? eq(customerDocuments.category, query.category) : undefined))
      .orderBy(sql`${customerDocuments.uploadedAt} desc nulls last`, sql`${customerDocuments.id} desc nulls last`)
      .limit(DOCUMENT_LIST_CAP),
    db
      .select({
        category: customerDocuments.category,
        n: count(),
        bytes: sql<number>`coalesce(sum(${customerDocuments.sizeBytes}), 0)::float8`.mapWith(Number),
      })
      .from(customerDocuments)
      .where(base)
      .groupBy(customerDocuments.category),
  ]);
  const stats: DocumentStats = { count: 0, totalBytes: 0, byCategory: {} };
  for (const g of grouped) {
    stats.count += g.n;
    stats.totalBytes += g.bytes;
    stats.byCategory[g.category as DocumentCategory] = { count: g.n, bytes: g.bytes };
  }
  return {
    data: rows.map((row) => ({
      ...serializeDocument(row),
      ...(viewer ? { canDelete: canDeleteDocument(viewer, row) } : {}),
    })),
    stats,
  };
}

/**
 * One live document of this customer. Another customer's id, a deleted document, or one whose
 * minimum role the viewer lacks are all "not found" (no existence leak).
 */
export async function getDocumentOrThrow(
  db: DbOrTx,
  customerId: string,
  docId: string,
  viewer?: Pick<Actor, 'role'>,
): Promise<DocumentRow> {
  const [row] = await db
    .select()
    .from(customerDocuments)
    .where(and(eq(customerDocuments.id, docId), visibleTo(customerId, viewer)))
    .limit(1);
  if (!row) throw AppError.notFound('Document introuvable.');
  return row;
}

/** Storage keys of every document row of a customer (live or soft-deleted), for erasure. */
export async function listCustomerStorageKeys(db: DbOrTx, customerId: string): Promise<string[]> {
  const rows = await db
    .select({ key: customerDocuments.storageKey })
    .from(customerDocuments)
    .where(eq(customerDocuments.customerId, customerId));
  return rows.map((r) => r.key);
}
