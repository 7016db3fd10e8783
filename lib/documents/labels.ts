import type { DocumentCategory } from '@/db/schema/documents';

/** Client-safe (no drizzle import). Key order = display order. */
export const DOCUMENT_CATEGORY_LABELS: Record<DocumentCategory, string> = {
  invoice: 'Facture',
  quote: 'Devis',
  contract: 'Contrat',
  identity: 'Pièce d’identité',
  'vehicle-registration': 'Carte grise',
  photo: 'Photo',
  report: 'Rapport',
  other: 'Autre',
};

export const DOCUMENT_CATEGORY_OPTIONS = Object.keys(DOCUMENT_CATEGORY_LABELS) as DocumentCategory[];

/** `accept` hint for file pickers (the server decides from the bytes, not from this). */
export const ACCEPT_ATTRIBUTE =
  '.pdf,.jpg,.jpeg,.png,.webp,.heic,.heif,.docx,.xlsx,.odt,.txt,.csv,application/pdf,image/jpeg,image/png,image/webp,image/heic,image/heif,text/plain,text/csv';

export function isPreviewableMime(mime: string): boolean {
  return mime === 'application/pdf' || (mime.startsWith('image/') && mime !== 'image/svg+xml' && !/hei[cf]/.test(mime));
}
