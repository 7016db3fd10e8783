import { z } from 'zod';

export const postalCodeQuerySchema = z.object({
  q: z
    .string({ message: 'Paramètre q requis.' })
    .trim()
    .min(2, 'Au moins 2 caractères.')
    .max(60, '60 caractères maximum.'),
  limit: z.coerce.number().int().min(1, 'Limite entre 1 et 20.').max(20, 'Limite entre 1 et 20.').default(10),
});

export const geocodeQuerySchema = z.object({
  address: z
    .string({ message: 'Paramètre address requis.' })
    .trim()
    .min(2, 'Adresse trop courte.')
    .max(300, '300 caractères maximum.'),
});

/** A point on Earth: the nearby search's origin and a customer's location set by hand. */
export const coordinatesSchema = z.object({
  lat: z.coerce
    .number({ message: 'Latitude requise.' })
    .min(-90, 'Latitude entre -90 et 90.')
    .max(90, 'Latitude entre -90 et 90.'),
  lon: z.coerce
    .number({ message: 'Longitude requise.' })
    .min(-180, 'Longitude entre -180 et 180.')
    .max(180, 'Longitude entre -180 et 180.'),
});

export const locationBodySchema = coordinatesSchema;
