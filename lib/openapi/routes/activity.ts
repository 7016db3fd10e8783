import { activityCorrectionSchema, activityListQuerySchema, manualActivitySchema } from '@/lib/activity/schema';
import { created, ok, routesOf } from '../registry';

const route = routesOf('activity');

const notFound = { status: 404, description: 'Client introuvable (ou document d’un autre client).' };
const manual = {
  permission: 'activity.create',
  summary:
    'Record a manual activity (call, visit, note, email, other); `occurredAt` ISO 8601 or local Paris time, not more than 5 min in the future; `metadata` a small JSON object (≤ 4 KB, depth ≤ 3)',
  body: manualActivitySchema,
  responses: [created('Activité créée'), { status: 422, description: 'Champs invalides' }, notFound],
} as const;

export const listActivitiesRoute = route.get('/api/customers/{id}/activities', {
  permission: 'customer.read',
  summary:
    'Timeline, newest first, keyset pages on (occurredAt, id): `?type=` (repeatable), `from`, `to` (ISO or YYYY-MM-DD, whole Paris days), `limit` 1–100, `cursor` → `{data, nextCursor, stats: {total, byType}}` (stats of the filtered set). Without `finance.read`, invoice and payment entries (and entries about an invoice or a payment) are not returned nor counted, and money keys are removed from metadata; `data[].canEdit`: the caller may correct or delete the entry now',
  query: activityListQuerySchema,
  responses: [
    ok('`{data, nextCursor, stats}`'),
    { status: 400, description: 'Curseur invalide' },
    { status: 422, description: 'Filtre invalide' },
    notFound,
  ],
});

export const createActivityRoute = route.post('/api/customers/{id}/activities', manual);

export const createActivityAliasRoute = route.post('/api/customers/{id}/activity', {
  ...manual,
  summary: `Alias of POST /activities. ${manual.summary}`,
});

const editRule =
  'Only entries typed by a person (call, visit, note, email, other recorded by hand): their author within 24 hours of writing them, managers and admins at any time; entries written by the application are immutable (409)';
const editResponses = [
  { status: 403, description: 'Pas l’auteur, ou délai de 24 heures dépassé' },
  { status: 404, description: 'Client ou activité introuvable (ou activité d’un autre client)' },
  { status: 409, description: 'Activité écrite par l’application, ou client effacé' },
];

export const correctActivityRoute = route.patch('/api/customers/{id}/activities/{activityId}', {
  permission: 'activity.create',
  summary: `Correct a manual activity (\`type\`, \`title\`, \`description\` — null clears it —, \`occurredAt\`); sets \`editedAt\` and writes « Activité corrigée » with the previous version. ${editRule}`,
  body: activityCorrectionSchema,
  responses: [ok('L’activité corrigée'), { status: 422, description: 'Champs invalides' }, ...editResponses],
});

export const deleteActivityRoute = route.delete('/api/customers/{id}/activities/{activityId}', {
  permission: 'activity.create',
  summary: `Delete a manual activity: the row is removed and « Activité supprimée » keeps its whole content (type, title, text, date, author, metadata). ${editRule}`,
  responses: [{ status: 204, description: 'Supprimée' }, ...editResponses],
});
