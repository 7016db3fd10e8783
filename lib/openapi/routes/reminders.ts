import { dueVehiclesQuerySchema, sendReminderSchema } from '@/lib/reminders/schema';
import { routesOf } from '../registry';

const route = routesOf('interventions');

export const listRemindersRoute = route.get('/api/reminders', {
  permission: 'intervention.plan',
  summary:
    '"À relancer" (managers): vehicles whose contrôle technique (4 years after first registration, then every 2 years) or service (last entretien + SERVICE_INTERVAL_MONTHS, or its odometer + SERVICE_INTERVAL_KM) falls due by today + `days` (Paris), overdue first. Vehicles with an intervention planned or in progress and customers erased or archived are left out. Keyset pages on (dueDate, vehicleId)',
  query: dueVehiclesQuerySchema,
  responses: [
    {
      status: 200,
      description:
        '`{ data: [{vehicleId, customerId, label, plate, mileage, nextInspectionDue, nextServiceDue, nextServiceKm, serviceDueByKm, dueDate, reasons: (inspection|service)[], customer: {id, number, name, email, phone, mobile}}], nextCursor, until }`',
    },
    { status: 400, description: 'Curseur de pagination invalide' },
  ],
});

export const sendReminderRoute = route.post('/api/reminders/{vehicleId}/send', {
  permission: 'email.send',
  summary:
    'Send the vehicle’s owner a reminder of what falls due within `days` (default 90). A prospection e-mail (purpose `marketing`): refused with the reason (403 `consent_missing`, logged in the outbox as `blocked` and in the customer’s activity) unless the customer granted it on the e-mail channel. The outbox row and the activity are written in one transaction',
  body: sendReminderSchema,
  optionalBody: true,
  responses: [
    {
      status: 202,
      description: '`{ id, status: queued|sent|failed, error, customerId, vehicleId, reasons }`',
    },
    { status: 403, description: '`forbidden` (rôle) ou `consent_missing` (consentement absent, retiré ou expiré)' },
    { status: 404, description: 'Véhicule introuvable (ou client effacé)' },
    { status: 409, description: 'Client archivé, ou rien à prévoir dans la fenêtre' },
    { status: 422, description: 'Client sans adresse e-mail (`fields.to`)' },
  ],
});
