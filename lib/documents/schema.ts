import { z } from 'zod';
import { DOCUMENT_CATEGORIES, type DocumentCategory, type Role, ROLES } from '@/db/schema/enums';

import { DOCUMENT_CATEGORY_LABELS } from './labels';
import { hasUnstorableChar, UNSTORABLE_TEXT } from '@/lib/validation/text';

export { DOCUMENT_CATEGORIES, DOCUMENT_CATEGORY_LABELS, type DocumentCategory };

export const documentCategorySchema = z.enum(DOCUMENT_CATEGORIES, {
  error: 'Catégorie inconnue. Choisissez une catégorie dans la liste.',
});

/** The non-file fields of an upload (multipart form, server action): same schema on both sides. */
export const documentUploadSchema = z.object({
  category: documentCategorySchema,
  description: z
    .string()
    .trim()
    .max(500, 'La description ne doit pas dépasser 500 caractères.')
    // Multipart fields do not go through parseJson's check.
    .refine((v) => !hasUnstorableChar(v), UNSTORABLE_TEXT)
    .optional()
    .transform((v) => (v ? v : undefined)),
  /** Links the file to one of the customer's interventions (a photo, or with `signature` the customer's signature). */
  interventionId: z.string().optional(),
  signature: z.enum(['true', 'false', '1', '0']).optional(),
});
export type DocumentUploadInput = z.infer<typeof documentUploadSchema>;

/**
 * « Modifier » a document (form, server action, PATCH): its name, its category and the minimum role
 * to see it. Whether the caller may choose that role is the mutation's rule (it depends on who asks).
 */
export const documentUpdateSchema = z
  .object({
    originalName: z
      .string({ error: 'Le nom est obligatoire.' })
      .trim()
      .min(1, 'Le nom est obligatoire.')
      .max(150, 'Le nom ne doit pas dépasser 150 caractères.')
      .refine((v) => !hasUnstorableChar(v), UNSTORABLE_TEXT)
      .optional(),
    category: documentCategorySchema.optional(),
    minRole: z.enum(ROLES, { error: 'Rôle inconnu. Choisissez un rôle dans la liste.' }).optional(),
  })
  .strict()
  .refine((v) => v.originalName !== undefined || v.category !== undefined || v.minRole !== undefined, {
    message: 'Indiquez au moins un champ à modifier.',
    path: ['originalName'],
  });
export type DocumentUpdateInput = z.output<typeof documentUpdateSchema>;

export const documentListQuerySchema = z.object({
  category: documentCategorySchema.optional(),
});
export type DocumentListQuery = z.infer<typeof documentListQuerySchema>;

/** API shape (README › API). */
export interface DocumentDto {
  id: string;
  customerId: string;
  category: DocumentCategory;
  originalName: string;
  mimeType: string;
  sizeBytes: number;
  sha256: string;
  description: string | null;
  uploadedBy: { id: string | null; kind: 'user' | 'token'; name: string };
  uploadedAt: string;
  /** The minimum role to see it (« Visible à partir de »). */
  minRole: Role;
}

export interface DocumentStats {
  count: number;
  totalBytes: number;
  byCategory: Partial<Record<DocumentCategory, { count: number; bytes: number }>>;
}
