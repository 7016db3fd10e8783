import { z } from 'zod';
import { SAVED_VIEW_NAME_MAX } from '@/db/schema/enums';
import { type ListFilterKey, meaningfulFilters } from '@/lib/customers/list-url';
import { customerListQuerySchema } from '@/lib/customers/schema';
import { booleanInput } from '@/lib/notes/schema';

/**
 * Saved views of the customer list (README "Decisions" → saved views): one set of schemas for the list's
 * « Enregistrer la vue » form, the server actions and the API handlers.
 */
export { SAVED_VIEW_NAME_MAX };

/** How many views one owner keeps (422 beyond): quick links, not an archive. */
export const SAVED_VIEWS_PER_OWNER = 30;

const list = customerListQuerySchema.shape;

/**
 * The list filters a view keeps: the list's own schema for each of them (the same values the list URL
 * takes), stored without the defaults (`archived=exclude`, `sort=recent`) nor the page size. A view of the
 * plain list would be the list itself: at least one filter or the name order.
 */
export const savedViewFiltersSchema = z
  .object(
    {
      q: list.q,
      status: list.status,
      kind: list.kind,
      tag: list.tag,
      city: list.city,
      segment: list.segment,
      compliance: list.compliance,
      archived: list.archived.unwrap().optional(),
      sort: list.sort.unwrap().optional(),
    },
    { message: 'filters doit être un objet : les filtres de la liste (q, status, tag…).' },
  )
  .strict()
  .transform((f): Partial<Record<ListFilterKey, string>> => meaningfulFilters(f))
  .refine((f) => Object.keys(f).length > 0, 'Filtrez ou triez la liste avant d’enregistrer une vue.');
export type SavedViewFilters = z.output<typeof savedViewFiltersSchema>;

const name = z
  .string({ message: 'Indiquez le nom de la vue.' })
  .trim()
  .min(1, 'Indiquez le nom de la vue.')
  .max(SAVED_VIEW_NAME_MAX, `${SAVED_VIEW_NAME_MAX} caractères maximum.`);

export const savedViewCreateSchema = z
  .object({ name, filters: savedViewFiltersSchema, shared: booleanInput.optional().default(false) })
  .strict();
export type SavedViewCreateInput = z.output<typeof savedViewCreateSchema>;

/** Rename and/or share (`true`) or unshare (`false`). */
export const savedViewUpdateSchema = z
  .object({ name: name.optional(), shared: booleanInput.optional() })
  .strict()
  .refine((v) => v.name !== undefined || v.shared !== undefined, {
    message: 'Rien à modifier : indiquez name ou shared.',
    path: ['name'],
  });
export type SavedViewUpdateInput = z.output<typeof savedViewUpdateSchema>;

/** A view as the API and the list page show it (owner ids never leave the server). */
export interface SavedViewDto {
  id: string;
  name: string;
  filters: SavedViewFilters;
  shared: boolean;
  /** The viewer owns it. */
  mine: boolean;
  /** Who owns it (user or token name), for a shared view of someone else's. */
  ownerName: string | null;
  /** What the viewer may do with it (lib/auth/permissions.ts → savedViewAbilities). */
  canRename: boolean;
  canShare: boolean;
  canUnshare: boolean;
  canDelete: boolean;
  createdAt: Date;
  updatedAt: Date;
}
