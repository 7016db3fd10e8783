import { consentHistoryQuerySchema, consentRecordSchema } from '@/lib/consents/schema';
import { sendEmailSchema } from '@/lib/email/schema';
import { ok, routesOf } from '../registry';

const route = routesOf('consents');

const notFound = { status: 404, description: 'Client introuvable (ou document de preuve d’un autre client).' };

export const getConsentsRoute = route.get('/api/customers/{id}/consents', {
  permission: 'customer.read',
  summary:
    'Consents: `state` (purpose × channel grid of {state: granted|withdrawn|never, since, source, textVersion, eventId}, from the latest event of each cell), `history` (keyset page of append-only events, filters purpose/channel) and `compliance: {ok, issues: [{code, severity, message, purpose?, channel?}], lastContactAt}`',
  query: consentHistoryQuerySchema,
  responses: [ok('`{ state, history: { data, nextCursor }, compliance }`'), notFound],
});

export const recordConsentRoute = route.post('/api/customers/{id}/consents', {
  permission: 'consent.record',
  summary:
    'Append a grant (source and textVersion required; optional proofText and documentId of one of the customer’s documents) or a withdrawal (no proof needed). Actor, IP and user agent are recorded; writes a consent activity',
  body: consentRecordSchema,
  responses: [
    {
      status: 201,
      description:
        'Événement de consentement `{id, customerId, purpose, channel, granted, source, textVersion, proofText, documentId, actor, ip, userAgent, occurredAt}`',
    },
    notFound,
  ],
});

export const sendEmailRoute = route.post('/api/customers/{id}/send-email', {
  permission: 'email.send',
  summary:
    'Send an e-mail. `service` needs no consent; other purposes need a current, valid grant on the e-mail channel, else 403 `consent_missing` (the refusal is logged in the outbox as `blocked`). 202 `{id, status: queued|sent|failed, error}`: `queued` when no SMTP server is configured (outbox), `failed` with the SMTP server’s reason',
  body: sendEmailSchema,
  responses: [
    { status: 202, description: '`{ id, status, error }`' },
    { status: 403, description: '`forbidden` (rôle) ou `consent_missing` (consentement absent, retiré ou expiré)' },
    { status: 422, description: 'Champs invalides, ou client sans adresse e-mail (`fields.to`)' },
    notFound,
  ],
});
