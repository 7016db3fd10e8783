import { z } from 'zod';
import { FUELS } from '@/db/schema/enums';
import { checkedOrNull } from '@/lib/customers/fields';
import { optionalText } from '@/lib/validation';

export { FUEL_LABELS } from './labels';

/** Optional integer from JSON (number/null) or a form (string): '' and null → null. */
function optionalInt(min: number, max: number, message: string) {
  return z
    .union([
      z.null(),
      z.literal(''),
      z.number({ message }).int(message).min(min, message).max(max, message),
      z
        .string()
        .trim()
        .regex(/^\d+$/, message)
        .transform(Number)
        .pipe(z.number().int().min(min, message).max(max, message)),
    ])
    .optional()
    .transform((v) => (v === '' || v === undefined ? null : v));
}

const maxYear = () => new Date().getFullYear() + 1;

export const vehicleFields = {
  plate: checkedOrNull('plate'),
  vin: checkedOrNull('vin'),
  make: optionalText(60),
  model: optionalText(80),
  year: optionalInt(1900, maxYear(), `Année entre 1900 et ${maxYear()}.`),
  mileage: optionalInt(0, 2_000_000, 'Kilométrage entre 0 et 2 000 000 km.'),
  fuel: z
    .union([z.null(), z.literal(''), z.enum(FUELS, { message: 'Carburant inconnu.' })])
    .optional()
    .transform((v) => (v ? v : null)),
};

export const PLATE_OR_VIN_MESSAGE = "Indiquez l'immatriculation ou le VIN.";

export const vehicleCreateSchema = z
  .object(vehicleFields)
  .strict()
  .superRefine((v, ctx) => {
    if (!v.plate && !v.vin) ctx.addIssue({ code: 'custom', path: ['plate'], message: PLATE_OR_VIN_MESSAGE });
  });
export type VehicleCreateInput = z.output<typeof vehicleCreateSchema>;

export const vehicleUpdateSchema = z
  .object(vehicleFields)
  .partial()
  .extend({ updatedAt: z.coerce.date().optional() })
  .strict();
export type VehicleUpdateInput = z.output<typeof vehicleUpdateSchema>;
