import {
  type AnyPgColumn,
  bigint,
  index,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import type { Role } from './auth';
import { users } from './auth';
import { id } from './columns';
import { customers } from './customers';
import type { DocumentCategory } from './enums';
import { interventions } from './interventions';
export { DOCUMENT_CATEGORIES, type DocumentCategory } from './enums';

export const customerDocuments = pgTable(
  'customer_documents',
  {
    id: id(),
    customerId: uuid('customer_id')
      .notNull()
      .references(() => customers.id, { onDelete: 'cascade' }),
    category: text('category').$type<DocumentCategory>().notNull(),
    originalName: text('original_name').notNull(),
    storageKey: text('storage_key').notNull(),
    mimeType: text('mime_type').notNull(),
    sizeBytes: bigint('size_bytes', { mode: 'number' }).notNull(),
    sha256: text('sha256').notNull(),
    description: text('description'),
    metadata: jsonb('metadata').$type<Record<string, unknown>>().notNull().default({}),
    minRole: text('min_role').$type<Role>().notNull().default('viewer'),
    uploadedBy: uuid('uploaded_by').references(() => users.id, { onDelete: 'set null' }),
    uploadedByName: text('uploaded_by_name').notNull(),
    // Set when uploaded by an API token (document.delete "own uploads" compares against the actor).
    uploadedByToken: uuid('uploaded_by_token'),
    uploadedAt: timestamp('uploaded_at', { withTimezone: true }).notNull().defaultNow(),
    deletedBy: uuid('deleted_by'),
    deletedAt: timestamp('deleted_at', { withTimezone: true }),
    // Photos (and the signature) taken during an intervention.
    interventionId: uuid('intervention_id').references((): AnyPgColumn => interventions.id, { onDelete: 'set null' }),
  },
  (t) => [
    index('customer_documents_customer_idx').on(t.customerId, t.uploadedAt.desc(), t.id.desc()),
    index('customer_documents_category_idx').on(t.customerId, t.category),
    index('customer_documents_uploaded_by_idx').on(t.uploadedBy),
    uniqueIndex('customer_documents_storage_key_uq').on(t.storageKey),
    index('customer_documents_intervention_idx').on(t.interventionId),
  ],
);
