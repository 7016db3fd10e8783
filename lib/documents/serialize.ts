import type { customerDocuments } from '@/db/schema';
import type { DocumentDto } from './schema';

export type DocumentRow = typeof customerDocuments.$inferSelect;

export function serializeDocument(row: DocumentRow): DocumentDto {
  return {
    id: row.id,
    customerId: row.customerId,
    category: row.category,
    originalName: row.originalName,
    mimeType: row.mimeType,
    sizeBytes: Number(row.sizeBytes),
    sha256: row.sha256,
    description: row.description,
    uploadedBy: row.uploadedByToken
      ? { kind: 'token', id: row.uploadedByToken, name: row.uploadedByName }
      : { kind: 'user', id: row.uploadedBy, name: row.uploadedByName },
    uploadedAt: row.uploadedAt.toISOString(),
    minRole: row.minRole,
  };
}
