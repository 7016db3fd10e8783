import type { World } from './routes';

/**
 * One valid request per route (body and required query): the authorization matrix sends it (an allowed role
 * must get a 2xx, not just "not 403"), the fuzzer mutates it one field at a time (so hostile values reach the
 * database instead of being stopped by an unrelated missing field), the origin and content-type suites send it
 * with the headers they test.
 */
const key = (method: string, path: string) => `${method.toUpperCase()} ${path}`;
let seq = 0;

const BODIES: Record<string, (w: World) => Record<string, unknown>> = {
  [key('post', '/api/customers')]: () => ({ kind: 'individual', lastName: 'Fuzz', email: `fuzz${++seq}@exemple.fr` }),
  [key('patch', '/api/customers/{id}')]: (w) => ({ city: 'Lyon', updatedAt: w.updatedAt }),
  [key('post', '/api/customers/{id}/archive')]: () => ({ archived: true }),
  [key('post', '/api/customers/{id}/contacts')]: () => ({ name: 'Jeanne Contact' }),
  [key('patch', '/api/customers/{id}/contacts/{contactId}')]: () => ({ role: 'Gérante' }),
  [key('post', '/api/customers/{id}/vehicles')]: () => ({
    plate: `GH-${String(100 + (++seq % 900))}-JK`,
    make: 'Peugeot',
  }),
  [key('patch', '/api/customers/{id}/vehicles/{vehicleId}')]: () => ({ mileage: 100000 }),
  [key('post', '/api/customers/{id}/notes')]: () => ({ body: 'Note de test' }),
  [key('patch', '/api/customers/{id}/notes/{noteId}')]: () => ({ pinned: true }),
  [key('post', '/api/customers/{id}/activities')]: () => ({ type: 'call', title: 'Appel de suivi' }),
  [key('post', '/api/customers/{id}/activity')]: () => ({ type: 'visit', title: 'Passage à l’atelier' }),
  [key('post', '/api/customers/{id}/invoices')]: () => ({
    number: `F-FUZZ-${++seq}`,
    issuedAt: '2026-03-01',
    dueAt: '2026-04-01',
    totalHtCents: 1000,
    vatCents: 200,
  }),
  [key('post', '/api/customers/{id}/payments')]: (w) => ({
    invoiceId: w.ids.invoiceId,
    amountCents: 100,
    method: 'card',
    paidAt: '2026-02-01',
  }),
  [key('post', '/api/customers/{id}/invoices/{invoiceId}/cancel')]: () => ({ reason: 'Facture en double' }),
  [key('post', '/api/customers/{id}/invoices/{invoiceId}/credit-notes')]: () => ({
    amountCents: 100,
    reason: 'Remise commerciale',
  }),
  [key('post', '/api/customers/{id}/invoices/{invoiceId}/refunds')]: () => ({
    amountCents: 1,
    method: 'transfer',
    refundedAt: '2025-06-01',
    reference: 'VIR-RB-1',
  }),
  [key('post', '/api/customers/{id}/consents')]: () => ({
    purpose: 'marketing',
    channel: 'sms',
    granted: true,
    source: 'paper-form',
    textVersion: 'v2',
  }),
  [key('post', '/api/customers/{id}/send-email')]: () => ({
    subject: 'Rendez-vous',
    body: 'Bonjour, votre véhicule est prêt.',
    purpose: 'service',
  }),
  [key('post', '/api/reminders/{vehicleId}/send')]: () => ({ days: 90 }),
  [key('post', '/api/customers/{id}/tags')]: () => ({ name: `Fuzz ${++seq}` }),
  [key('post', '/api/tags')]: () => ({ name: `Fuzz global ${++seq}`, color: '#112233' }),
  [key('put', '/api/customers/{id}/location')]: () => ({ lat: 45.76, lon: 4.83 }),
  [key('post', '/api/users')]: () => ({ email: `invite${++seq}@exemple.fr`, name: 'Invité Test', role: 'viewer' }),
  [key('patch', '/api/users/{userId}')]: () => ({ role: 'viewer', name: `Renommé ${++seq}` }),
  [key('post', '/api/validate')]: () => ({ kind: 'siret', value: '73282932000074' }),
  [key('post', '/api/customers/{id}/duplicate')]: () => ({ email: `copie${++seq}@exemple.fr` }),
  [key('patch', '/api/customers/{id}/documents/{docId}')]: () => ({
    originalName: `devis-${++seq}.pdf`,
    category: 'quote',
  }),
  [key('patch', '/api/customers/{id}/activities/{activityId}')]: () => ({ title: 'Appel de suivi (corrigé)' }),
  [key('post', '/api/customers/{id}/not-duplicate')]: (w) => ({ otherId: w.ids.otherId }),
  [key('post', '/api/customers/{id}/interventions')]: () => ({
    kind: 'maintenance',
    scheduledAt: '2026-03-20T09:30',
    durationMinutes: 90,
  }),
  [key('patch', '/api/customers/{id}/interventions/{interventionId}')]: (w) => ({
    durationMinutes: 90,
    updatedAt: w.interventionUpdatedAt,
  }),
  [key('post', '/api/customers/{id}/interventions/{interventionId}/start')]: () => ({}),
  [key('post', '/api/customers/{id}/interventions/{interventionId}/complete')]: () => ({ workDone: 'Vidange faite' }),
  [key('post', '/api/customers/{id}/interventions/{interventionId}/cancel')]: () => ({ reason: 'Client absent' }),
  [key('post', '/api/customers/{id}/interventions/{interventionId}/invoice')]: () => ({}),
  [key('post', '/api/customers/{id}/tasks')]: (w) => ({
    title: 'Rappeler le client',
    dueDate: '2026-03-20',
    assigneeId: w.ids.technicianId,
    interventionId: w.ids.interventionId,
  }),
  [key('patch', '/api/customers/{id}/tasks/{taskId}')]: () => ({ title: 'Rappeler demain', completed: true }),
  [key('post', '/api/customers/bulk')]: (w) => ({ action: 'tag.add', ids: [w.ids.id], tag: `Lot ${++seq}` }),
  [key('post', '/api/saved-views')]: () => ({ name: `Vue ${++seq}`, filters: { status: 'active', sort: 'name' } }),
  // Unsharing is what a manager or an admin may do to a view someone else shared (the fixture's).
  [key('patch', '/api/saved-views/{viewId}')]: () => ({ shared: false }),
  [key('post', '/api/email-templates')]: () => ({
    name: `Relance ${++seq}`,
    subject: 'Votre {{vehicule.modele}}',
    body: 'Bonjour {{client.nom}},\nà bientôt.\n{{expediteur.nom}}',
    purpose: 'marketing',
  }),
  [key('patch', '/api/email-templates/{templateId}')]: () => ({ name: `Relance modifiée ${++seq}`, body: 'Bonjour.' }),
  [key('post', '/api/customers/{id}/emails/preview')]: (w) => ({ templateId: w.ids.templateId }),
};

const QUERIES: Record<string, (w?: World) => Record<string, string>> = {
  [key('delete', '/api/customers/{id}/tags')]: (w): Record<string, string> =>
    w?.ids.tagId ? { tagId: w.ids.tagId } : {},
  [key('get', '/api/reminders')]: () => ({ days: '60' }),
  [key('get', '/api/customers/nearby')]: () => ({ lat: '45.76', lon: '4.83', radiusKm: '50' }),
  [key('get', '/api/geocode')]: () => ({ address: '10 rue de la République 69002 Lyon' }),
  [key('get', '/api/postal-codes')]: () => ({ q: '6900' }),
  // A fragment every fixture shares (names, numbers, plates): the fuzzer's values then reach all four groups.
  [key('get', '/api/search')]: () => ({ q: 'mar', limit: '5' }),
  [key('get', '/api/customers/{id}/export')]: () => ({ format: 'json' }),
  [key('get', '/api/customers/export')]: () => ({ format: 'csv' }),
  [key('delete', '/api/customers/{id}/not-duplicate')]: (w): Record<string, string> =>
    w?.ids.otherId ? { otherId: w.ids.otherId } : {},
  // A token has no day of its own (technician=me is a 400 for it): name a technician; any id lists (maybe nothing).
  [key('get', '/api/interventions')]: (w) => ({
    technician: w?.ids.technicianId ?? '00000000-0000-4000-8000-000000000001',
    date: '2026-03-12',
  }),
  // Same for « Mes tâches »: a token names whose tasks it lists.
  [key('get', '/api/tasks')]: (w) => ({
    assignee: w?.ids.technicianId ?? '00000000-0000-4000-8000-000000000001',
    filter: 'open',
  }),
};

export function validBody(method: string, path: string, world: World): Record<string, unknown> | undefined {
  return BODIES[key(method, path)]?.(world);
}

export function validQuery(method: string, path: string, world?: World): Record<string, string> {
  return QUERIES[key(method, path)]?.(world) ?? {};
}

/** Multipart routes: the file each one accepts (a PDF document, a CSV for the legacy import). */
const UPLOADS: Record<string, () => FormData> = {
  [key('post', '/api/customers/{id}/documents')]: () => {
    const form = new FormData();
    form.append('file', new Blob([Buffer.from('%PDF-1.4\n%%EOF\n')], { type: 'application/pdf' }), 'matrice.pdf');
    form.append('category', 'report');
    return form;
  },
  [key('post', '/api/admin/legacy-import')]: () => {
    const csv =
      'id;type;nom;prenom;societe;siret;adresse;cp;ville;tel;email;vehicules;notes;date_creation;actif;optin_mail\r\n' +
      `${90000 + ++seq};P;Matrice;Marc;;;1 rue A;69001;Lyon;;;;;01/02/2020;1;0`;
    const form = new FormData();
    form.append('file', new Blob([Buffer.from(csv)], { type: 'text/csv' }), 'matrice.csv');
    return form;
  },
};

export function validUpload(method: string, path: string): FormData | undefined {
  return UPLOADS[key(method, path)]?.();
}
