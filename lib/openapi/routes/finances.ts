import {
  invoiceCreateSchema,
  invoiceListQuerySchema,
  paymentCreateSchema,
  paymentListQuerySchema,
} from '@/lib/finances/schema';
import { created, ok, routesOf } from '../registry';

const route = routesOf('finances');

const page = ok('Page `{ data, nextCursor }` (pagination par curseur, triable).');
const notFound = { status: 404, description: 'Client ou facture introuvable (ou facture d’un autre client).' };

export const getFinancesRoute = route.get('/api/customers/{id}/finances', {
  permission: 'finance.read',
  summary:
    'Finance overview: `{summary: {invoicedCents, paidCents, balanceCents, overdueCents, averageDaysToPay, lastPaymentAt, …}, risk: {score, level, factors[]}, balanceHistory: [{date, balanceCents}]}`',
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
  summary: 'One invoice with its payments (404 when it belongs to another customer)',
  responses: [ok('Facture + paiements'), notFound],
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
