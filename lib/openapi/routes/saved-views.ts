import { SAVED_VIEWS_PER_OWNER, savedViewCreateSchema, savedViewUpdateSchema } from '@/lib/saved-views/schema';
import { created, deleted, ok, routesOf } from '../registry';

/**
 * Saved views of the customer list (README "Decisions" → saved views): every role keeps its own; managers
 * and admins (`view.share`) share one of theirs with everyone and may take another's shared view down.
 */
const route = routesOf('saved-views');

const view =
  'Vue `{id, name, filters, shared, mine, ownerName, canRename, canShare, canUnshare, canDelete, createdAt, updatedAt}`';
const notFound = { status: 404, description: 'Vue introuvable (ou vue privée de quelqu’un d’autre)' };

export const listSavedViewsRoute = route.get('/api/saved-views', {
  permission: 'customer.read',
  summary: 'The caller’s saved views of the customer list, then the views others shared, each by name',
  responses: [ok(`\`{ data: [${view}] }\``)],
});

export const createSavedViewRoute = route.post('/api/saved-views', {
  permission: 'customer.read',
  summary: `Save the list filters \`filters\` (the list’s query parameters but \`limit\` and \`cursor\`; defaults dropped; at least one) under \`name\` (unique per owner in any case: 409). \`shared: true\` needs \`view.share\` and takes the mark off the owner’s previously shared view. At most ${SAVED_VIEWS_PER_OWNER} views per owner (422)`,
  body: savedViewCreateSchema,
  responses: [
    created(view),
    { status: 403, description: 'Partage sans le droit view.share, ou filtre `segment` sans analytics.read' },
    { status: 409, description: 'Nom déjà pris par une autre de vos vues' },
  ],
});

export const updateSavedViewRoute = route.patch('/api/saved-views/{viewId}', {
  permission: 'customer.read',
  summary:
    'Rename (the owner) and/or `shared: true` (the owner, with `view.share`; the owner’s other shared view is unshared) or `shared: false` (the owner, or anyone with `view.share` on a shared view)',
  body: savedViewUpdateSchema,
  responses: [ok(view), { status: 403, description: 'Vue partagée de quelqu’un d’autre' }, notFound],
});

export const deleteSavedViewRoute = route.delete('/api/saved-views/{viewId}', {
  permission: 'customer.read',
  summary: 'Delete a view: the owner, or anyone with `view.share` when it is shared',
  responses: [deleted, { status: 403, description: 'Vue partagée de quelqu’un d’autre' }, notFound],
});
