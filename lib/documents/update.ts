import 'server-only';
import { eq } from 'drizzle-orm';
import type { Db } from '@/db';
import { customerDocuments } from '@/db/schema';
import type { Actor } from '@/lib/auth/actor';
import { canEditDocument, ROLE_LABELS, roleAtLeast } from '@/lib/auth/permissions';
import { diffFields, withActivity } from '@/lib/audit';
import { requireCustomer } from '@/lib/customers/guard';
import { AppError, zodFieldErrors } from '@/lib/errors';
import { getDocumentOrThrow } from './queries';
import { extensionOf, sanitizeFileName } from './sanitize';
import { DOCUMENT_CATEGORY_LABELS, documentUpdateSchema } from './schema';
import { type DocumentRow } from './serialize';

/** A new name without the file's extension keeps it: the download must still open with the right program. */
function renamed(before: string, input: string): string {
  const name = sanitizeFileName(input);
  const ext = extensionOf(before);
  return ext && extensionOf(name) !== ext ? `${name}.${ext}` : name;
}

/**
 * Rename, recategorise or restrict a document. Who may: the uploader or a manager, as for deleting
 * it. The minimum role cannot go above the caller's own (they would lose sight of the document
 * they just edited): 400. Nothing changed → no write and no activity.
 */
export async function updateDocument(
  db: Db,
  actor: Actor,
  customerId: string,
  docId: string,
  input: unknown,
): Promise<DocumentRow> {
  const parsed = documentUpdateSchema.safeParse(input);
  if (!parsed.success) throw AppError.validation(zodFieldErrors(parsed.error));
  const data = parsed.data;
  if (data.minRole && !roleAtLeast(actor.role, data.minRole)) {
    const message = `Vous ne pouvez pas réserver ce document au rôle « ${ROLE_LABELS[data.minRole]} » : vous ne le verriez plus.`;
    throw new AppError('bad_request', message, { minRole: [message] });
  }
  return withActivity(db, actor, async (tx) => {
    await requireCustomer(tx, customerId, { forUpdate: true });
    const doc = await getDocumentOrThrow(tx, customerId, docId, actor, { forUpdate: true });
    if (!canEditDocument(actor, doc)) {
      throw AppError.forbidden('Vous ne pouvez modifier que les documents que vous avez déposés.');
    }
    const next = {
      ...(data.originalName !== undefined ? { originalName: renamed(doc.originalName, data.originalName) } : {}),
      ...(data.category ? { category: data.category } : {}),
      ...(data.minRole ? { minRole: data.minRole } : {}),
    };
    const changes = diffFields(doc, next, ['originalName', 'category', 'minRole']);
    if (!Object.keys(changes).length) return { value: doc, activity: null };
    const [row] = await tx.update(customerDocuments).set(next).where(eq(customerDocuments.id, doc.id)).returning();
    return {
      value: row,
      activity: {
        customerId,
        type: 'document',
        title: `Document modifié : ${row.originalName}`,
        metadata: {
          category: row.category,
          categoryLabel: DOCUMENT_CATEGORY_LABELS[row.category],
          originalName: row.originalName,
          changes,
        },
        relatedType: 'document',
        relatedId: row.id,
      },
    };
  });
}
