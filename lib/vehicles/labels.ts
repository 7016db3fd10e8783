import type { Fuel } from '@/db/schema/enums';

/** Client-safe labels (no zod): the timeline renders them in the browser. */
export const FUEL_LABELS: Record<Fuel, string> = {
  petrol: 'Essence',
  diesel: 'Diesel',
  hybrid: 'Hybride',
  electric: 'Électrique',
  lpg: 'GPL',
  other: 'Autre',
};
