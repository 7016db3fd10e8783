/** Tag colours (no zod here: imported by client components). */
export const DEFAULT_TAG_COLOR = '#64748b';

/** A few readable colours offered when creating a tag (any #rrggbb is accepted). */
export const TAG_COLORS = [
  '#64748b',
  '#dc2626',
  '#ea580c',
  '#ca8a04',
  '#16a34a',
  '#0d9488',
  '#2563eb',
  '#7c3aed',
  '#db2777',
] as const;
