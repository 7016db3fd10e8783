import type { DocumentCategory } from '@/db/schema/documents';

/** Client-safe (no drizzle import). Key order = display order. */
export const DOCUMENT_CATEGORY_LABELS: Record<DocumentCategory, string> = {
  invoice: 'Facture',
  quote: 'Devis',
  contract: 'Contrat',
  identity: "Pièce d'identité",
  'vehicle-registration': 'Carte grise',
  photo: 'Photo',
  report: 'Rapport',
  other: 'Autre',
};

export const DOCUMENT_CATEGORY_OPTIONS = Object.keys(DOCUMENT_CATEGORY_LABELS) as DocumentCategory[];
