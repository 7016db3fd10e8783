import { and, count, eq, inArray, isNull, type Placeholder, sql } from 'drizzle-orm';
import { type DbOrTx, getDb } from '@/db';
import { prepared } from '@/db/prepared';
import { customerDocuments } from '@/db/schema';
import type { Actor } from '@/lib/auth/actor';
import { canDeleteDocument, canEditDocument, documentVisibility, type Role } from '@/lib/auth/permissions';
import { requireReadableCustomer } from '@/lib/customers/guard';
import { AppError } from '@/lib/errors';
import type { DocumentCategory, DocumentDto, DocumentListQuery, DocumentStats } from './schema';
import { type DocumentRow, serializeDocument } from './serialize';

/** Documents per customer are few; the list is capped rather than paginated (SPEC: `{data, stats}`). */
export const DOCUMENT_LIST_CAP = 500;

export type DocumentListItem = DocumentDto & { canDelete?: boolean; canEdit?: boolean };

/** Documents carry a "minimum role to view": the SQL form of `documentVisibility` (lib/auth/permissions.ts). */
export function documentVisibleTo(role: Role) {
  return inArray(customerDocuments.minRole, documentVisibility(role));
}

function visibleTo(customerId: string | Placeholder, viewer?: Pick<Actor, 'role'>) {
  return and(
    eq(customerDocuments.customerId, customerId),
    isNull(customerDocuments.deletedAt),
    viewer ? documentVisibleTo(viewer.role) : undefined,
  );
}

/** Count and bytes of the live documents the viewer may see, per category (prepared per role). */
async function documentStats(db: DbOrTx, customerId: string, viewer?: Pick<Actor, 'role'>): Promise<DocumentStats> {
  const name = `document_stats:${viewer?.role ?? 'all'}`;
  const grouped = await prepared(db, name, (d) =>
    d
      .select({
        category: customerDocuments.category,
        n: count(),
        bytes: sql<number>`coalesce(sum(${customerDocuments.sizeBytes}), 0)::float8`.mapWith(Number),
      })
      .from(customerDocuments)
      .where(visibleTo(sql.placeholder('customerId'), viewer))
      .groupBy(customerDocuments.category)
      .prepare(name),
  ).execute({ customerId });
  const stats: DocumentStats = { count: 0, totalBytes: 0, byCategory: {} };
  for (const g of grouped) {
    stats.count += g.n;
    stats.totalBytes += g.bytes;
    stats.byCategory[g.category as DocumentCategory] = { count: g.n, bytes: g.bytes };
  }
  return stats;
}

/** The list's rows, newest first: prepared per role and with or without a category. */
function documentRows(db: DbOrTx, customerId: string, category: DocumentCategory | undefined, viewer?: Actor) {
  const name = `document_list:${viewer?.role ?? 'all'}:${category ? 'category' : 'any'}`;
  return prepared(db, name, (d) =>
    d
      .select()
      .from(customerDocuments)
      .where(
        and(
          visibleTo(sql.placeholder('customerId'), viewer),
          category ? eq(customerDocuments.category, sql.placeholder('category')) : undefined,
        ),
      )
      .orderBy(sql`${customerDocuments.uploadedAt} desc nulls last`, sql`${customerDocuments.id} desc nulls last`)
      .limit(DOCUMENT_LIST_CAP)
      .prepare(name),
  ).execute({ customerId, category });
}

/**
 * The customer's documents, newest first, optionally one category. Stats always describe all the
 * documents the viewer may see (not only the filtered category) so the category chips keep
 * their counts while filtering. The existence check runs alongside (unknown id → no rows, then 404).
 */
export async function listDocuments(
  db: DbOrTx,
  customerId: string,
  query: DocumentListQuery = {},
  viewer?: Actor,
): Promise<{ data: DocumentListItem[]; stats: DocumentStats }> {
  const [, rows, stats] = await Promise.all([
    requireReadableCustomer(db, customerId),
    documentRows(db, customerId, query.category, viewer),
    documentStats(db, customerId, viewer),
  ]);
  return {
    data: rows.map((row) => ({
      ...serializeDocument(row),
      ...(viewer ? { canDelete: canDeleteDocument(viewer, row), canEdit: canEditDocument(viewer, row) } : {}),
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
  { forUpdate = false }: { forUpdate?: boolean } = {},
): Promise<DocumentRow> {
  const query = db
    .select()
    .from(customerDocuments)
    .where(and(eq(customerDocuments.id, docId), visibleTo(customerId, viewer)))
    .limit(1);
  // Writes (edit, delete) lock the row for the rest of their transaction.
  const [row] = forUpdate ? await query.for('update') : await query;
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

/** Documents tab: the viewer's documents (one category or all) with per-category stats; unknown customer → 404. */
export function loadDocumentsTab(customerId: string, viewer: Actor, category?: DocumentCategory) {
  return listDocuments(getDb(), customerId, { category }, viewer);
}

/** 360 summary: how many documents the role may see, and their size. */
export function loadDocumentTotals(customerId: string, role: Role): Promise<DocumentStats> {
  return documentStats(getDb(), customerId, { role });
}
