/**
 * « Dupliquer » (lib/customers/copy.ts): what the copy loses, and how it stays reachable. Plain constants,
 * without zod: the dialog (header of every customer page) lists exactly these fields, the mutation clears
 * exactly these, and importing them keeps the validation libraries out of the page's first load.
 */
export const COPY_CLEARED_FIELDS = ['email', 'siret', 'vatNumber', 'phone', 'mobile'] as const;
/** Cleared unless the user asks to keep them (same household, same switchboard). */
export const COPY_KEEPABLE_FIELDS = ['phone', 'mobile'] as const;

export const COPY_UNREACHABLE =
  'Indiquez au moins un moyen de contact pour la copie (e-mail, téléphone ou mobile) : sans lui, le nouveau client serait injoignable.';
