import type { InvoiceStatus, PaymentMethod } from '@/db/schema/enums';

/** Client-safe labels (no zod, no drizzle): the timeline renders them in the browser. */
export const PAYMENT_METHOD_LABELS: Record<PaymentMethod, string> = {
  card: 'Carte bancaire',
  transfer: 'Virement',
  cash: 'Espèces',
  check: 'Chèque',
  'direct-debit': 'Prélèvement',
};

export const INVOICE_STATUS_LABELS: Record<InvoiceStatus, string> = {
  unpaid: 'Non payée',
  partial: 'Partiellement payée',
  paid: 'Payée',
  cancelled: 'Annulée',
};
