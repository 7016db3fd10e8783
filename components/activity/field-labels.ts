import { CUSTOMER_FIELD_LABELS } from '@/lib/customers/labels';

/** French names of the fields a mutation may list in an activity (diffs, merges, intervention edits). */
export const FIELD_LABELS: Record<string, string> = {
  ...CUSTOMER_FIELD_LABELS,
  kind: 'Type de client',
  // Contacts and vehicles.
  name: 'Nom',
  role: 'Fonction',
  isPrimary: 'Contact principal',
  plate: 'Immatriculation',
  vin: 'VIN',
  make: 'Marque',
  model: 'Modèle',
  year: 'Année',
  mileage: 'Kilométrage',
  fuel: 'Carburant',
  notes: 'Remarques',
};

/** The intervention fields `updateIntervention` lists in `fields` (lib/interventions/mutations.ts). */
export const INTERVENTION_FIELD_LABELS: Record<string, string> = {
  kind: 'Type d’intervention',
  scheduledAt: 'Date prévue',
  durationMinutes: 'Durée',
  vehicleId: 'Véhicule',
  technicianId: 'Technicien',
  description: 'Description',
  addressLine1: 'Adresse',
  postalCode: 'Code postal',
  city: 'Ville',
  workDone: 'Travaux réalisés',
  odometerKm: 'Kilométrage',
  noCharge: 'Sans frais',
  lines: 'Lignes',
};
