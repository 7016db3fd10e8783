import { z } from 'zod';

/** Checkbox ("on"), JSON boolean or "true"/"false" from a query string: one boolean. */
export const booleanInput = z
  .union([z.boolean(), z.enum(['on', 'true', '1', 'false', '0', 'off'])])
  .transform((v) => v === true || v === 'on' || v === 'true' || v === '1');

export const NOTE_MAX_LENGTH = 5000;

/** The note entity: plain text (never HTML or markdown), line breaks kept. */
export const noteFields = {
  body: z
    .string({ message: 'Écrivez le texte de la note.' })
    // Normalise line endings; keep inner blank lines (they are the author's formatting).
    .transform((v) => v.replace(/\r\n?/g, '\n').trim())
    .pipe(z.string().min(1, 'La note est vide.').max(NOTE_MAX_LENGTH, `${NOTE_MAX_LENGTH} caractères maximum.`)),
  pinned: booleanInput,
};

export const noteCreateSchema = z.object({
  body: noteFields.body,
  pinned: noteFields.pinned.optional().default(false),
});
export type NoteCreateInput = z.output<typeof noteCreateSchema>;

export const noteUpdateSchema = z
  .object({ body: noteFields.body.optional(), pinned: noteFields.pinned.optional() })
  .strict()
  .refine((v) => v.body !== undefined || v.pinned !== undefined, {
    message: 'Rien à modifier : indiquez body ou pinned.',
    path: ['body'],
  });
export type NoteUpdateInput = z.output<typeof noteUpdateSchema>;

export const noteListQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(50),
  cursor: z.string().max(1024).optional(),
});

export interface NoteDto {
  id: string;
  customerId: string;
  body: string;
  pinned: boolean;
  author: { id: string | null; name: string };
  createdAt: Date;
  updatedAt: Date;
}
