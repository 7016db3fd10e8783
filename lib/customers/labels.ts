import type { CustomerKind, CustomerStatus } from '@/db/schema/enums';

/** Client-safe labels (no zod): the timeline renders them in the browser. */
export const KIND_LABELS: Record<CustomerKind, string> = {
  individual: 'Particulier',
  company: 'Professionnel',
};

export const STATUS_LABELS: Record<CustomerStatus, string> = {
  active: 'Actif',
  inactive: 'Inactif',
};

/**
 * French names of the customer's own fields, in the order of the customer row. Shared by the
 * activity timeline (diffs), the merge screen and the CSV/XLSX export, each adding its few
 * specific wordings on top.
 */
export const CUSTOMER_FIELD_LABELS = {
  id: 'Identifiant',
  number: 'Numéro',
  kind: 'Type',
  firstName: 'Prénom',
  lastName: 'Nom',
  companyName: 'Raison sociale',
  siret: 'SIRET',
  vatNumber: 'N° TVA',
  email: 'E-mail',
  phone: 'Téléphone',
  mobile: 'Mobile',
  // The address as one block (diffs and merges move it whole); its columns follow.
  address: 'Adresse',
  addressLine1: 'Adresse',
  addressLine2: 'Complément d’adresse',
  postalCode: 'Code postal',
  city: 'Ville',
  country: 'Pays',
  latitude: 'Latitude',
  longitude: 'Longitude',
  geocodePrecision: 'Précision géocodage',
  agency: 'Agence',
  status: 'Statut',
  archivedAt: 'Archivé le',
  erasedAt: 'Effacé le',
  createdAt: 'Créé le',
  updatedAt: 'Modifié le',
} as const satisfies Record<string, string>;
export type CustomerLabelField = keyof typeof CUSTOMER_FIELD_LABELS;

/** The labels of some fields, in the order given. */
export function pickLabels<F extends CustomerLabelField>(fields: readonly F[]): Record<F, string> {
  const out = {} as Record<F, string>;
  for (const f of fields) out[f] = CUSTOMER_FIELD_LABELS[f];
  return out;
}
