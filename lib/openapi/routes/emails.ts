import {
  customerEmailsQuerySchema,
  emailPreviewSchema,
  emailTemplateCreateSchema,
  emailTemplateUpdateSchema,
} from '@/lib/email/template-schema';
import { TEMPLATE_VARIABLE_NAMES } from '@/lib/email/template-variables';
import { deleted, ok, routesOf } from '../registry';

/**
 * E-mail templates (managers and admins write them, whoever sends e-mail reads and renders them) and a
 * customer's outbox with « Réessayer » on failed rows (README "E-mail templates and the outbox").
 */
const route = routesOf('emails');

const VARIABLES = TEMPLATE_VARIABLE_NAMES.map((n) => `\`{{${n}}}\``).join(', ');
const template = ok(
  'Modèle `{id, name, subject, body, purpose: service|marketing|satisfaction-surveys, createdAt, updatedAt}`',
);
const invalid = {
  status: 422,
  description: 'Champs invalides : objet ou message vide, variable hors liste (`fields.subject` / `fields.body`)',
};
const templateNotFound = { status: 404, description: 'Modèle introuvable' };
const nameTaken = { status: 409, description: 'Un modèle porte déjà ce nom (`fields.name`)' };
const customerNotFound = { status: 404, description: 'Client introuvable, ou e-mail d’un autre client' };

export const listEmailTemplatesRoute = route.get('/api/email-templates', {
  permission: 'email.send',
  summary:
    'Every e-mail template, by name, and the variables a template may use → `{ data, variables: [{name, label}] }`',
  responses: [ok('`{ data: [modèle], variables }`')],
});

export const createEmailTemplateRoute = route.post('/api/email-templates', {
  permission: 'email.template',
  summary: `Create a template \`{name (1–100, unique whatever the case), subject (1–200, one line), body (1–20 000), purpose? (default service)}\`. Variables are written \`{{name}}\`, only from the allow-list: ${VARIABLES}`,
  body: emailTemplateCreateSchema,
  responses: [{ ...template, status: 201 }, invalid, nameTaken],
});

export const updateEmailTemplateRoute = route.patch('/api/email-templates/{templateId}', {
  permission: 'email.template',
  summary: 'Edit a template: any of `name`, `subject`, `body`, `purpose` (same rules as the creation)',
  body: emailTemplateUpdateSchema,
  responses: [template, invalid, templateNotFound, nameTaken],
});

export const deleteEmailTemplateRoute = route.delete('/api/email-templates/{templateId}', {
  permission: 'email.template',
  summary: 'Delete a template (e-mails already sent with it keep their text)',
  responses: [deleted, templateNotFound],
});

export const listCustomerEmailsRoute = route.get('/api/customers/{id}/emails', {
  permission: 'customer.read',
  summary:
    'The customer’s outbox, newest first, `status=queued|sent|failed|blocked` to filter → `{data: [{id, to, subject, purpose, status, error (SMTP reply or consent refusal), attachments: [filename], actorName, createdAt, sentAt}], nextCursor}`',
  query: customerEmailsQuerySchema,
  responses: [ok('Page d’e-mails'), customerNotFound],
});

export const previewCustomerEmailRoute = route.post('/api/customers/{id}/emails/preview', {
  permission: 'email.send',
  summary:
    'Render a template with this customer’s values (server side) → `{templateId, purpose, subject, body (plain text), html (escaped, line breaks as <br>), missing: [variables without a value, rendered empty]}`; nothing is sent or written. Send it with `POST /api/customers/{id}/send-email` (consent gate)',
  body: emailPreviewSchema,
  responses: [
    ok('Modèle rendu pour ce client'),
    { status: 404, description: 'Client ou modèle introuvable' },
    { status: 409, description: 'Client effacé (RGPD)' },
  ],
});

export const retryCustomerEmailRoute = route.post('/api/customers/{id}/emails/{emailId}/retry', {
  permission: 'email.send',
  summary:
    '« Réessayer » a `failed` e-mail: the consent gate is asked again, the row goes back to `queued` (to the customer’s current address) with an activity in the same transaction, then the mail adapter delivers it. 202 `{id, status: queued|sent|failed, error}` as for a first send',
  responses: [
    { status: 202, description: '`{ id, status, error }`' },
    {
      status: 403,
      description: '`forbidden` (rôle) ou `consent_missing` (consentement retiré depuis : ligne `blocked`)',
    },
    { status: 409, description: 'L’e-mail n’est pas en échec, pièce jointe disparue, ou client effacé' },
    { status: 422, description: 'Le client n’a plus d’adresse e-mail (`fields.to`)' },
    customerNotFound,
  ],
});
