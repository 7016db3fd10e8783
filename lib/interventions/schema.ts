import { z } from 'zod';
import {
  INTERVENTION_KINDS,
  INTERVENTION_STATUSES,
  type InterventionKind,
  type InterventionStatus,
  VAT_RATES_BP,
} from '@/db/schema/enums';
import { parisLocalToDate } from '@/lib/activity/schema';
import { limitSchema } from '@/lib/pagination';
import { quantityHundredths } from './totals';

export { INTERVENTION_KINDS, INTERVENTION_STATUSES, type InterventionKind, type InterventionStatus, VAT_RATES_BP };

/**
 * One set of zod schemas for interventions: the API handlers, the server actions and the forms
 * validate with these (no drizzle import: the forms load this module in the browser).
 * Totals are not fields of any input: the server computes them from the lines, and a total a
 * client sends along is dropped by the (non-strict) object schemas.
 */
const MAX_LINES = 50;
const MAX_QUANTITY_HUNDREDTHS = 10_000 * 100;
const MAX_UNIT_PRICE_CENTS = 100_000_000; // 1 M€ HT per unit: beyond that it is a typo.

const uuid = (message: string) => z.string().uuid(message);

const optionalText = (max: number, label: string) =>
  z
    .string()
    .trim()
    .max(max, `${label} : ${max} caractères maximum.`)
    .refine((v) => !v.includes('\u0000'), 'Caractère interdit (U+0000).')
    .nullish()
    .transform((v) => (v ? v : null));

/** ISO 8601 with an offset, or a zone-less "2026-03-12T09:30" (datetime-local input) read in Paris. */
export const instantField = (label: string) =>
  z.union([z.date(), z.string().trim()], { message: `${label} : date requise.` }).transform((value, ctx) => {
    const date =
      value instanceof Date
        ? value
        : /(Z|[+-]\d{2}:?\d{2})$/i.test(value)
          ? new Date(value)
          : /T\d{2}:\d{2}/.test(value)
            ? parisLocalToDate(value)
            : null;
    if (!date || Number.isNaN(date.getTime()) || date.getUTCFullYear() < 2000 || date.getUTCFullYear() > 2100) {
      ctx.addIssue({ code: 'custom', message: `${label} : date et heure invalides (AAAA-MM-JJTHH:MM).` });
      return z.NEVER;
    }
    return date;
  });

/** A calendar day "YYYY-MM-DD" that exists (2026-02-30 does not). */
export const dayField = z
  .string()
  .trim()
  .refine((v) => {
    const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(v);
    if (!m) return false;
    const d = new Date(Date.UTC(+m[1], +m[2] - 1, +m[3]));
    return d.toISOString().slice(0, 10) === v && +m[1] >= 2000 && +m[1] <= 2100;
  }, 'Date invalide (AAAA-MM-JJ).');

export const interventionLineSchema = z.object({
  label: z
    .string({ message: 'Libellé requis.' })
    .trim()
    .min(1, 'Libellé requis.')
    .max(200, 'Libellé : 200 caractères maximum.'),
  /** Decimal, 2 places at most ("1,5" accepted); normalised to "1.50" for the numeric column. */
  quantity: z.union([z.number(), z.string()], { message: 'Quantité requise.' }).transform((value, ctx) => {
    const hundredths = quantityHundredths(value);
    if (hundredths == null || hundredths <= 0 || hundredths > MAX_QUANTITY_HUNDREDTHS) {
      ctx.addIssue({ code: 'custom', message: 'Quantité : nombre positif, 2 décimales au plus (ex. 1,5).' });
      return z.NEVER;
    }
    return `${Math.floor(hundredths / 100)}.${String(hundredths % 100).padStart(2, '0')}`;
  }),
  /** Omitted = 0, "à chiffrer" (a technician without pricing rights adds a line for the office to price). */
  unitPriceHtCents: z
    .number({ message: 'Prix unitaire HT en centimes.' })
    .int('Prix unitaire HT en centimes entiers.')
    .min(0, 'Le prix ne peut pas être négatif.')
    .max(MAX_UNIT_PRICE_CENTS, 'Prix unitaire trop élevé.')
    .default(0),
  vatRateBp: z
    .number({ message: 'Taux de TVA requis.' })
    .int()
    .refine((v) => (VAT_RATES_BP as readonly number[]).includes(v), 'Taux de TVA : 20 %, 10 %, 5,5 %, 2,1 % ou 0 %.')
    .default(2000),
});
export type InterventionLineInput = z.output<typeof interventionLineSchema>;

const linesField = z.array(interventionLineSchema).max(MAX_LINES, `${MAX_LINES} lignes au plus.`);

const kindField = z.enum(INTERVENTION_KINDS, { message: "Type d'intervention inconnu." });
const durationField = z
  .number({ message: 'Durée en minutes.' })
  .int('Durée en minutes entières.')
  .min(5, 'Durée : 5 minutes au moins.')
  .max(1440, 'Durée : 24 heures au plus.');
const postalCodeField = z
  .string()
  .trim()
  .regex(/^\d{5}$/, 'Code postal : 5 chiffres.')
  .nullish()
  .transform((v) => v ?? null);

const planningFields = {
  kind: kindField,
  scheduledAt: instantField('Date prévue'),
  durationMinutes: durationField,
  vehicleId: uuid('Véhicule invalide.')
    .nullish()
    .transform((v) => v ?? null),
  technicianId: uuid('Technicien invalide.')
    .nullish()
    .transform((v) => v ?? null),
  description: optionalText(2000, 'Description'),
  addressLine1: optionalText(200, 'Adresse'),
  postalCode: postalCodeField,
  city: optionalText(100, 'Ville'),
};

const reportFields = {
  workDone: optionalText(5000, 'Travail effectué'),
  odometerKm: z
    .number({ message: 'Kilométrage en km.' })
    .int('Kilométrage en km entiers.')
    .min(0, 'Le kilométrage ne peut pas être négatif.')
    .max(5_000_000, 'Kilométrage trop élevé.')
    .nullish(),
  noCharge: z.boolean({ message: 'Sans frais : vrai ou faux.' }),
  lines: linesField,
};

/** Create (plan): the address defaults to the customer's when none is given. */
export const interventionCreateSchema = z.object({
  ...planningFields,
  durationMinutes: durationField.default(60),
  lines: linesField.optional(),
});
export type InterventionCreateInput = z.output<typeof interventionCreateSchema>;

const updatedAtField = instantField('Version (updatedAt)');

/** PATCH: any planning or report field, with the `updatedAt` the edit is based on (absent = unchanged). */
export const interventionUpdateSchema = z.object({
  updatedAt: updatedAtField,
  kind: planningFields.kind.optional(),
  scheduledAt: planningFields.scheduledAt.optional(),
  durationMinutes: planningFields.durationMinutes.optional(),
  vehicleId: planningFields.vehicleId.optional(),
  technicianId: planningFields.technicianId.optional(),
  description: planningFields.description.optional(),
  addressLine1: planningFields.addressLine1.optional(),
  postalCode: planningFields.postalCode.optional(),
  city: planningFields.city.optional(),
  workDone: reportFields.workDone.optional(),
  odometerKm: reportFields.odometerKm.optional(),
  noCharge: reportFields.noCharge.optional(),
  lines: reportFields.lines.optional(),
});
export type InterventionUpdateInput = z.output<typeof interventionUpdateSchema>;

/** The on-site report alone (saved from the phone while working). */
export const interventionReportSchema = z.object({
  updatedAt: updatedAtField.optional(),
  workDone: reportFields.workDone.optional(),
  odometerKm: reportFields.odometerKm.optional(),
  noCharge: reportFields.noCharge.optional(),
  lines: reportFields.lines.optional(),
});
export type InterventionReportInput = z.output<typeof interventionReportSchema>;

/** start / complete: optional concurrency check; complete may carry the final report. */
export const interventionStartSchema = z.object({ updatedAt: updatedAtField.optional() });
export type InterventionStartInput = z.output<typeof interventionStartSchema>;
/** `sendReport`: « envoyer le rapport au client » (e-mail, purpose `service`, consent-gated). */
export const interventionCompleteSchema = interventionReportSchema.extend({
  sendReport: z.boolean({ message: 'Envoi du rapport : vrai ou faux.' }).optional(),
});
export type InterventionCompleteInput = z.output<typeof interventionCompleteSchema>;

export const interventionCancelSchema = z.object({
  updatedAt: updatedAtField.optional(),
  reason: z
    .string({ message: "Motif d'annulation requis." })
    .trim()
    .min(3, "Motif d'annulation requis (3 caractères au moins).")
    .max(500, 'Motif : 500 caractères maximum.'),
});
export type InterventionCancelInput = z.output<typeof interventionCancelSchema>;

/** Invoice: number and dates are optional (next number of the year's series, today, +30 days). */
export const interventionInvoiceSchema = z.object({
  updatedAt: updatedAtField.optional(),
  number: z
    .string()
    .trim()
    .transform((v) => v.toUpperCase())
    .pipe(z.string().regex(/^[A-Z0-9][A-Z0-9\-/]{0,39}$/, 'Numéro de facture invalide (ex. F-2026-000123).'))
    .optional(),
  issuedAt: instantField("Date d'émission").optional(),
  dueAt: instantField("Date d'échéance").optional(),
});
export type InterventionInvoiceInput = z.output<typeof interventionInvoiceSchema>;

export const INTERVENTION_SCOPES = ['upcoming', 'past', 'all'] as const;
export type InterventionScope = (typeof INTERVENTION_SCOPES)[number];

const statusList = z
  .union([z.enum(INTERVENTION_STATUSES), z.array(z.enum(INTERVENTION_STATUSES))], {
    error: 'Statut inconnu.',
  })
  .transform((v) => [...new Set(Array.isArray(v) ? v : [v])]);

/** A customer's interventions: upcoming = not finished (planned, in progress), past = the rest. */
export const interventionListQuerySchema = z.object({
  scope: z.enum(INTERVENTION_SCOPES).default('all'),
  status: statusList.optional(),
  limit: limitSchema,
  cursor: z.string().max(1024).optional(),
});
export type InterventionListQuery = z.output<typeof interventionListQuerySchema>;

/** `GET /api/interventions?technician=me&date=YYYY-MM-DD` (a technician's day, Paris). */
export const technicianDayQuerySchema = z.object({
  technician: z.union([z.literal('me'), uuid('Technicien invalide.')]).default('me'),
  date: dayField.optional(),
  limit: limitSchema,
  cursor: z.string().max(1024).optional(),
});
export type TechnicianDayQuery = z.output<typeof technicianDayQuerySchema>;

/** Managers' planning: every technician, one day or the week starting on `date`. */
export const planningQuerySchema = z.object({
  date: dayField.optional(),
  span: z.enum(['day', 'week']).default('day'),
  technicianId: uuid('Technicien invalide.').optional(),
  status: statusList.optional(),
  limit: limitSchema,
  cursor: z.string().max(1024).optional(),
});
export type PlanningQuery = z.output<typeof planningQuerySchema>;

/** "À relancer": vehicles whose contrôle technique or service falls due within `days`. */
export const dueVehiclesQuerySchema = z.object({
  days: z.coerce.number().int().min(0).max(365).default(30),
  limit: limitSchema,
  cursor: z.string().max(1024).optional(),
});
export type DueVehiclesQuery = z.output<typeof dueVehiclesQuerySchema>;
