import {
  interventionCancelSchema,
  interventionCompleteSchema,
  interventionCreateSchema,
  interventionInvoiceSchema,
  interventionListQuerySchema,
  interventionStartSchema,
  interventionUpdateSchema,
  technicianDayQuerySchema,
} from '@/lib/interventions/schema';
import { created, ok, routesOf } from '../registry';

/**
 * Interventions (README "Interventions"): the same roles as the pages. Reads for every role; planning,
 * cancelling for managers; start, report and complete for the assigned technician (and managers);
 * invoicing for finance writers. Amounts are always computed by the server from the lines.
 */
const route = routesOf('interventions');
const notFound = { status: 404, description: 'Client introuvable (ou intervention d’un autre client).' };
const conflict = {
  status: 409,
  description: 'Transition impossible depuis ce statut (le message dit pourquoi), ou version périmée (`updatedAt`)',
};
const notAssigned = { status: 403, description: 'Rôle insuffisant, ou intervention assignée à un autre technicien' };
const intervention = ok('Intervention (avec ses lignes et ses totaux calculés)');
const base = '/api/customers/{id}/interventions/{interventionId}';

export const listCustomerInterventionsRoute = route.get('/api/customers/{id}/interventions', {
  permission: 'intervention.read',
  summary:
    'A customer’s interventions, keyset pages on (scheduledAt, id): `scope=upcoming` (planned, in progress; soonest first), `past` (done, invoiced, cancelled; latest first) or `all`; `status` (repeatable) narrows it → `{data, nextCursor}`',
  query: interventionListQuerySchema,
  responses: [
    ok('`{data, nextCursor}`'),
    { status: 400, description: 'Curseur invalide' },
    { status: 422, description: 'Filtre invalide' },
    notFound,
  ],
});

export const createInterventionRoute = route.post('/api/customers/{id}/interventions', {
  permission: 'intervention.plan',
  summary:
    'Plan an intervention (managers): kind, `scheduledAt` (ISO 8601, or local Paris time), duration, optional vehicle of this customer, technician, address (the customer’s by default), lines (the prices technicians may use). Totals sent by the client are ignored',
  body: interventionCreateSchema,
  responses: [
    { ...intervention, status: 201 },
    { status: 409, description: 'Client effacé' },
    { status: 422, description: 'Champs invalides (technicien inconnu ou inactif…)' },
    notFound,
  ],
});

export const getInterventionRoute = route.get(base, {
  permission: 'intervention.read',
  summary:
    'One intervention: lines, totals, technician, vehicle, invoice number, the photos the caller’s role may see, signature and report document ids',
  responses: [intervention, notFound],
});

export const updateInterventionRoute = route.patch(base, {
  permission: 'intervention.report',
  summary:
    'Partial update with the `updatedAt` it is based on (409 when stale). Planning fields and technician: managers, before the start (technician: until the end). Report (workDone, odometerKm, noCharge, lines as a whole list): the assigned technician while in progress — prices only those a manager gave unless INTERVENTION_TECH_PRICING=1; the odometer never goes backwards without a manager',
  body: interventionUpdateSchema,
  responses: [intervention, notAssigned, conflict, { status: 422, description: 'Champs invalides' }, notFound],
});

export const startInterventionRoute = route.post(`${base}/start`, {
  permission: 'intervention.report',
  summary: '“Démarrer”: planned → in_progress (the assigned technician, or a manager); optional `{updatedAt}`',
  body: interventionStartSchema,
  optionalBody: true,
  responses: [intervention, notAssigned, conflict, notFound],
});

export const completeInterventionRoute = route.post(`${base}/complete`, {
  permission: 'intervention.report',
  summary:
    '“Terminer”: in_progress → done. The report (optionally sent with the call) needs the work done and a line or `noCharge`; the PDF report is stored as a `report` document',
  body: interventionCompleteSchema,
  optionalBody: true,
  responses: [
    intervention,
    notAssigned,
    conflict,
    { status: 422, description: 'Compte rendu incomplet (champs à compléter)' },
    notFound,
  ],
});

export const cancelInterventionRoute = route.post(`${base}/cancel`, {
  permission: 'intervention.plan',
  summary: 'Cancel a planned or started intervention with a reason (managers)',
  body: interventionCancelSchema,
  responses: [intervention, conflict, { status: 422, description: 'Motif manquant' }, notFound],
});

export const invoiceInterventionRoute = route.post(`${base}/invoice`, {
  permission: 'intervention.invoice',
  summary:
    '“Facturer”: done → invoiced. The invoice is made from the lines (VAT per line, computed by the server; any amount in the body is ignored), numbered in the year’s series unless `number` is given → `{intervention, invoice}`',
  body: interventionInvoiceSchema,
  optionalBody: true,
  responses: [
    created('`{intervention, invoice}`'),
    conflict,
    { status: 422, description: 'Aucun montant à facturer, ou dates invalides' },
    notFound,
  ],
});

export const technicianDayRoute = route.get('/api/interventions', {
  permission: 'intervention.read',
  summary:
    'A technician’s day (Europe/Paris): `technician=me` (the signed-in user; an API token must name the technician) or a technician id (managers), `date=YYYY-MM-DD` (default today), cancelled ones left out, in time order, keyset pages → `{data, nextCursor, date}`',
  query: technicianDayQuerySchema,
  responses: [
    ok('`{data, nextCursor, date}`'),
    { status: 400, description: '`technician=me` sans utilisateur connecté, ou curseur invalide' },
    { status: 403, description: 'La journée d’un autre technicien est réservée aux responsables' },
    { status: 422, description: 'Date invalide' },
  ],
});
