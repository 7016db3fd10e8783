import { z } from 'zod';

/** `GET /api/search` query: the same rules for the API and the top-bar dialog (which calls the API). */
export const searchQuerySchema = z.object({
  q: z
    .string({ message: 'Paramètre q requis : saisissez un texte à rechercher.' })
    .trim()
    .min(1, 'Saisissez au moins un caractère à rechercher.')
    .max(100, '100 caractères maximum.'),
  limit: z.coerce
    .number({ message: 'Limite entre 1 et 10.' })
    .int('Limite entre 1 et 10.')
    .min(1, 'Limite entre 1 et 10.')
    .max(10, 'Limite entre 1 et 10.')
    .default(5),
});
export type SearchQuery = z.output<typeof searchQuerySchema>;

export const SEARCH_GROUPS = ['customers', 'contacts', 'vehicles', 'invoices'] as const;
export type SearchGroupKey = (typeof SEARCH_GROUPS)[number];

export const SEARCH_GROUP_LABELS: Record<SearchGroupKey, string> = {
  customers: 'Clients',
  contacts: 'Contacts',
  vehicles: 'Véhicules',
  invoices: 'Factures',
};

/** One result line: what the dialog shows and where Enter goes. */
export interface SearchItem {
  id: string;
  customerId: string;
  label: string;
  secondary: string;
  href: string;
}

export interface SearchGroup {
  key: SearchGroupKey;
  label: string;
  items: SearchItem[];
}

/** Groups in a fixed order, empty ones left out; `invoices` never appears without `finance.read`. */
export interface SearchResponse {
  q: string;
  groups: SearchGroup[];
}
