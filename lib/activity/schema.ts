import { z } from 'zod';
import { ACTIVITY_TYPES, type ActivityType } from '@/db/schema/enums';
import { limitSchema } from '@/lib/pagination';
import { parisOffsetMs } from '@/lib/paris-time';
import { boundedJson } from '@/lib/validation/json-bounds';
import { ACTIVITY_TYPE_LABELS, MANUAL_ACTIVITY_TYPES, type ManualActivityType } from './labels';

export { ACTIVITY_TYPES, ACTIVITY_TYPE_LABELS, MANUAL_ACTIVITY_TYPES, type ActivityType, type ManualActivityType };

const FUTURE_TOLERANCE_MS = 5 * 60 * 1000;
const METADATA_MAX_BYTES = 4096;
const METADATA_MAX_DEPTH = 3;
const METADATA_MAX_KEYS = 50;
const METADATA_MAX_VALUES = 500;

/** "2025-03-14T09:05" (a datetime-local input, no zone) read as Paris wall-clock time. */
export function parisLocalToDate(value: string): Date | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2}))?)?$/.exec(value);
  if (!m) return null;
  const [, y, mo, d, h = '0', mi = '0', s = '0'] = m;
  const guess = Date.UTC(+y, +mo - 1, +d, +h, +mi, +s);
  if (Number.isNaN(guess)) return null;
  // Two passes settle the DST transitions.
  let utc = guess - parisOffsetMs(new Date(guess));
  utc = guess - parisOffsetMs(new Date(utc));
  const date = new Date(utc);
  return Number.isNaN(date.getTime()) ? null : date;
}

/** ISO with offset, or a zone-less local date/time interpreted in Paris. */
export const dateInput = z.union([z.date(), z.string().trim()]).transform((value, ctx) => {
  if (value instanceof Date) return value;
  const date = /(Z|[+-]\d{2}:?\d{2})$/i.test(value) ? new Date(value) : parisLocalToDate(value);
  if (!date || Number.isNaN(date.getTime())) {
    ctx.addIssue({ code: 'custom', message: 'Date invalide.' });
    return z.NEVER;
  }
  return date;
});

/**
 * Small JSON object: depth ≤ 3, ≤ 500 values, ≤ 4 KB (checked first, without recursion, by
 * lib/validation/json-bounds.ts), at most 50 keys, so the timeline stays readable and cheap.
 */
export const activityMetadataSchema = boundedJson(
  z.record(z.string().min(1).max(64), z.json()).refine((value) => Object.keys(value).length <= METADATA_MAX_KEYS, {
    message: `Au plus ${METADATA_MAX_KEYS} clés dans les métadonnées.`,
  }),
  { maxDepth: METADATA_MAX_DEPTH, maxValues: METADATA_MAX_VALUES, maxBytes: METADATA_MAX_BYTES },
);

/** A manual activity (form and API share it). */
export const manualActivitySchema = z.object({
  type: z.enum(MANUAL_ACTIVITY_TYPES, { error: 'Type attendu : appel, visite, note, e-mail ou autre.' }),
  title: z
    .string({ error: 'Le titre est obligatoire.' })
    .trim()
    .min(1, 'Le titre est obligatoire.')
    .max(200, 'Le titre ne doit pas dépasser 200 caractères.'),
  description: z
    .string()
    .trim()
    .max(5000, 'La description ne doit pas dépasser 5 000 caractères.')
    .optional()
    .transform((v) => (v ? v : undefined)),
  occurredAt: dateInput
    .refine((d) => d.getTime() <= Date.now() + FUTURE_TOLERANCE_MS, {
      message: 'La date ne peut pas être dans le futur.',
    })
    .refine((d) => d.getUTCFullYear() >= 1970, { message: 'Date trop ancienne.' })
    .optional(),
  metadata: activityMetadataSchema.optional(),
});
export type ManualActivityInput = z.infer<typeof manualActivitySchema>;

/**
 * A correction of a manual activity (PATCH, and the « Modifier » form): any of type, title, text and
 * date; an empty text clears it. The rules of each field are the creation's.
 */
export const activityCorrectionSchema = z
  .object({
    type: manualActivitySchema.shape.type.optional(),
    title: manualActivitySchema.shape.title.optional(),
    description: z
      .string()
      .trim()
      .max(5000, 'La description ne doit pas dépasser 5 000 caractères.')
      .nullable()
      .optional()
      .transform((v) => (v === undefined ? undefined : v || null)),
    occurredAt: manualActivitySchema.shape.occurredAt,
  })
  .strict()
  .refine((v) => Object.values(v).some((field) => field !== undefined), {
    message: 'Indiquez au moins un champ à corriger.',
    path: ['title'],
  });
export type ActivityCorrectionInput = z.output<typeof activityCorrectionSchema>;

const typeList = z
  .union([z.enum(ACTIVITY_TYPES), z.array(z.enum(ACTIVITY_TYPES)).max(ACTIVITY_TYPES.length * 2)], {
    error: 'Type d’activité inconnu.',
  })
  .transform((v) => [...new Set(Array.isArray(v) ? v : [v])]);

/** `YYYY-MM-DD` bounds are whole Paris days: `from` at 00:00, `to` up to the end of that day. */
const dayOrInstant = (edge: 'from' | 'to') =>
  z
    .string()
    .trim()
    .transform((value, ctx) => {
      const dateOnly = /^\d{4}-\d{2}-\d{2}$/.test(value);
      const parsed = dateInput.safeParse(value);
      if (!parsed.success) {
        ctx.addIssue({ code: 'custom', message: 'Date invalide (AAAA-MM-JJ ou ISO 8601).' });
        return z.NEVER;
      }
      if (!dateOnly || edge === 'from') return parsed.data;
      const [y, m, d] = value.split('-').map(Number);
      const next = new Date(Date.UTC(y, m - 1, d + 1)).toISOString().slice(0, 10);
      return new Date(parisLocalToDate(next)!.getTime() - 1);
    });

export const activityListQuerySchema = z
  .object({
    type: typeList.optional(),
    from: dayOrInstant('from').optional(),
    to: dayOrInstant('to').optional(),
    limit: limitSchema,
    cursor: z.string().max(1024).optional(),
  })
  .refine((q) => !q.from || !q.to || q.from.getTime() <= q.to.getTime(), {
    message: 'La date de début doit précéder la date de fin.',
    path: ['to'],
  });
export type ActivityListQuery = z.input<typeof activityListQuerySchema>;
export type ActivityListFilters = z.output<typeof activityListQuerySchema>;

/** API shape (README › API). */
export interface ActivityDto {
  id: string;
  customerId: string;
  type: ActivityType;
  title: string;
  description: string | null;
  metadata: Record<string, unknown>;
  actor: { kind: 'user' | 'token' | 'system'; id: string | null; name: string };
  relatedType: string | null;
  relatedId: string | null;
  occurredAt: string;
  createdAt: string;
  /** When a manual entry was last corrected (its previous text is in the « Activité corrigée » entry). */
  editedAt: string | null;
  /** The caller may correct or delete this entry now (lists answered for a known actor only). */
  canEdit?: boolean;
}

export interface ActivityStats {
  total: number;
  byType: Partial<Record<ActivityType, number>>;
}
