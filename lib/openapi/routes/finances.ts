import {
  creditNoteCreateSchema,
  invoiceCancelSchema,
  invoiceCreateSchema,
  invoiceListQuerySchema,
  paymentCreateSchema,
  paymentListQuerySchema,
  refundCreateSchema,
} from '@/lib/finances/schema';
import { created, ok, routesOf } from '../registry';

const route = routesOf('finances');

const page = ok('Page `{ data, nextCursor }` (pagination par curseur, triable).');
const notFound = { status: 404, description: 'Client ou facture introuvable (ou facture d’un autre client).' };

export const getFinancesRoute = route.get('/api/customers/{id}/finances', {
  permission: 'finance.read',
  summary:
    'Finance overview: `{summary: {invoicedCents, creditedCents, paidCents, refundedCents, balanceCents (= invoiced − credited − paid + refunded; negative when the customer is owed money), overdueCents, averageDaysToPay, lastPaymentAt, …}, risk: {score, level, factors[]}, balanceHistory: [{date, balanceCents}]}`; cancelled invoices count for nothing',
  responses: [ok('Synthèse, risque et historique du solde'), notFound],
});

export const listInvoicesRoute = route.get('/api/customers/{id}/invoices', {
  permission: 'finance.read',
  summary:
    'Invoices of a customer, keyset pages sorted by issuedAt | dueAt | total (asc|desc); `status=overdue` filters past-due open invoices',
  query: invoiceListQuerySchema,
  responses: [page, notFound],
});

export const createInvoiceRoute = route.post('/api/customers/{id}/invoices', {
  permission: 'finance.write',
  summary: 'Record an invoice (TTC = HT + VAT computed server-side); 409 on a duplicate number; writes an activity',
  body: invoiceCreateSchema,
  responses: [
    created('Facture'),
    { status: 409, description: 'Numéro déjà utilisé' },
    { status: 422, description: 'Champs invalides' },
    notFound,
  ],
});

export const getInvoiceRoute = route.get('/api/customers/{id}/invoices/{invoiceId}', {
  permission: 'finance.read',
  summary:
    'One invoice with its payments, credit notes and refunds (404 when it belongs to another customer); `remainingCents` is what is still owed, `refundableCents` what is owed back, `creditableCents` the most a new credit note may be',
  responses: [ok('Facture + `payments`, `creditNotes`, `refunds`'), notFound],
});

export const listPaymentsRoute = route.get('/api/customers/{id}/payments', {
  permission: 'finance.read',
  summary: 'Payments of a customer, keyset pages sorted by paidAt | amount (asc|desc)',
  query: paymentListQuerySchema,
  responses: [page, notFound],
});

export const recordPaymentRoute = route.post('/api/customers/{id}/payments', {
  permission: 'finance.write',
  summary:
    'Record a payment on an invoice of the customer; 422 above the remaining due; updates the invoice paidCents/status in the same transaction; writes an activity',
  body: paymentCreateSchema,
  responses: [
    created('Paiement + `invoice` mise à jour'),
    { status: 422, description: 'Montant invalide ou supérieur au reste dû' },
    notFound,
  ],
});

// Money corrections (lib/finances/corrections.ts): an issued invoice is never deleted nor edited.
const invoice = '/api/customers/{id}/invoices/{invoiceId}';
const erased = { status: 409, description: 'Client effacé (RGPD), ou facture annulée' };
const invalid = (what: string) => ({ status: 422, description: what });

export const cancelInvoiceRoute = route.post(`${invoice}/cancel`, {
  permission: 'finance.write',
  summary:
    'Cancel an invoice nobody paid, with a reason: status `cancelled`, the row and its number are kept; the intervention it billed goes back to `done`; writes an activity. 409 when a payment exists (issue a credit note) or it is already cancelled',
  body: invoiceCancelSchema,
  responses: [
    ok('Facture annulée'),
    { status: 409, description: 'Paiement enregistré, facture déjà annulée, ou client effacé' },
    invalid('Motif manquant'),
    notFound,
  ],
});

export const listCreditNotesRoute = route.get(`${invoice}/credit-notes`, {
  permission: 'finance.read',
  summary: 'Credit notes (« avoirs ») of an invoice, in issue order (at most 500)',
  responses: [ok('`{data: [{id, number, issuedAt, totalHtCents, vatCents, totalTtcCents, reason, …}]}`'), notFound],
});

export const issueCreditNoteRoute = route.post(`${invoice}/credit-notes`, {
  permission: 'finance.write',
  summary:
    'Issue a credit note of `amountCents` TTC against a paid or partly paid invoice, numbered `AV-<year>-<n>` in its own gap-free series; HT and VAT are split in the invoice’s VAT proportion (exact to the cent once fully credited). 422 above TTC minus previous credit notes; writes an activity',
  body: creditNoteCreateSchema,
  responses: [
    created('`{creditNote, invoice}` (la facture mise à jour)'),
    { status: 409, description: 'Facture non payée (annulez-la), facture annulée, ou client effacé' },
    invalid('Montant invalide ou supérieur à ce qui reste à créditer'),
    notFound,
  ],
});

export const listRefundsRoute = route.get(`${invoice}/refunds`, {
  permission: 'finance.read',
  summary: 'Refunds of an invoice, oldest first (at most 500)',
  responses: [ok('`{data: [{id, amountCents, method, refundedAt, reference, …}]}`'), notFound],
});

export const recordRefundRoute = route.post(`${invoice}/refunds`, {
  permission: 'finance.write',
  summary:
    'Record money paid back to the customer on an invoice, at most what its credit notes left overpaid (`refundableCents`); writes an activity',
  body: refundCreateSchema,
  responses: [
    created('`{refund, invoice}` (la facture mise à jour)'),
    erased,
    invalid('Montant supérieur à ce qui est à rembourser, ou date invalide'),
    notFound,
  ],
});
