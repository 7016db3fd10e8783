import { z } from 'zod';

import { DEFAULT_TAG_COLOR } from './colors';

export { DEFAULT_TAG_COLOR, TAG_COLORS } from './colors';

export const tagFields = {
  name: z
    .string({ message: "Indiquez le nom de l'étiquette." })
    .transform((v) => v.replace(/\s+/g, ' ').trim())
    .pipe(z.string().min(1, "Indiquez le nom de l'étiquette.").max(40, '40 caractères maximum.')),
  color: z
    .string()
    .trim()
    .regex(/^#[0-9a-fA-F]{6}$/, 'Couleur au format #rrggbb.')
    .transform((v) => v.toLowerCase()),
};

export const tagCreateSchema = z.object({
  name: tagFields.name,
  color: tagFields.color.optional().default(DEFAULT_TAG_COLOR),
});
export type TagCreateInput = z.output<typeof tagCreateSchema>;

/** Add a tag to a customer: an existing tag by id, or by name (created on the fly when missing). */
export const customerTagAddSchema = z
  .object({
    tagId: z.string().uuid('Étiquette invalide.').optional(),
    name: tagFields.name.optional(),
    color: tagFields.color.optional(),
  })
  .refine((v) => v.tagId || v.name, { message: "Indiquez le nom de l'étiquette.", path: ['name'] });
export type CustomerTagAddInput = z.output<typeof customerTagAddSchema>;

export const customerTagRemoveQuerySchema = z.object({ tagId: z.string().uuid('Étiquette invalide.') });

export interface TagWithCount {
  id: string;
  name: string;
  color: string;
  customerCount: number;
}
