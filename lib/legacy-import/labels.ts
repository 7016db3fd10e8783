/** Labels shown by the CLI and the admin page (client-safe: no server imports). */
export type RejectCode =
  | 'missing-id'
  | 'unknown-kind'
  | 'missing-name'
  | 'missing-contact'
  | 'invalid-siret'
  | 'invalid-vat'
  | 'invalid-postal-code'
  | 'invalid-phone'
  | 'invalid-email'
  | 'invalid-date'
  | 'invalid-active-flag'
  | 'invalid-optin'
  | 'invalid-vehicle'
  | 'invalid-field'
  | 'invalid-last-visit'
  | 'duplicate-id';

export const REJECT_LABELS: Record<RejectCode, string> = {
  'missing-id': 'Identifiant ancien système manquant',
  'unknown-kind': 'Type de client inconnu',
  'missing-name': 'Nom ou raison sociale manquant',
  'missing-contact': 'Aucun moyen de contact',
  'invalid-siret': 'SIRET invalide',
  'invalid-vat': 'Numéro de TVA invalide',
  'invalid-postal-code': 'Code postal invalide',
  'invalid-phone': 'Téléphone invalide',
  'invalid-email': 'E-mail invalide',
  'invalid-date': 'Date de création impossible',
  'invalid-active-flag': 'Indicateur « actif » illisible',
  'invalid-optin': 'Indicateur « optin_mail » illisible',
  'invalid-vehicle': 'Véhicule illisible',
  'invalid-field': 'Champ invalide',
  'invalid-last-visit': 'Date de dernière visite impossible',
  'duplicate-id': 'Identifiant déjà utilisé par une autre ligne du fichier',
};

export type SkipCode = 'duplicate-line' | 'already-imported' | 'duplicate-customer' | 'duplicate-in-file' | 'erased';
export const SKIP_LABELS: Record<SkipCode, string> = {
  'duplicate-line': 'Ligne identique à une ligne précédente',
  'already-imported': 'Déjà importé (identifiant ancien système connu)',
  'duplicate-customer': 'Client déjà présent (même e-mail, SIRET ou téléphone)',
  'duplicate-in-file': 'Même client qu’une ligne précédente du fichier (e-mail, SIRET ou téléphone)',
  erased: 'Personne effacée (RGPD) : jamais recréée par un import',
};
