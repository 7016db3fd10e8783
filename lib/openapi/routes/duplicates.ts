import { dismissalBodySchema, dismissalQuerySchema } from '@/lib/duplicates/dismissals';
import { routesOf } from '../registry';

const route = routesOf('duplicates');

const decided = {
  status: 200,
  description:
    '`{ customerId, otherId, changed }` — `changed: false` quand rien ne change (déjà écartée, ou rien à rétablir).',
};
const erased = { status: 409, description: 'L’un des deux clients a été effacé (RGPD).' };

export const dismissDuplicateRoute = route.post('/api/customers/{id}/not-duplicate', {
  permission: 'customer.duplicate',
  summary:
    '« Pas un doublon »: the pair (this customer, `otherId`) is recorded as two distinct people and no longer proposed on the duplicates page; both timelines record it. Managers and admins (customer.update and customer.duplicate). Idempotent',
  body: dismissalBodySchema,
  responses: [decided, { status: 404, description: 'Client inconnu' }, erased],
});

export const restoreDuplicateRoute = route.delete('/api/customers/{id}/not-duplicate', {
  permission: 'customer.duplicate',
  summary:
    '« Rétablir »: the pair (`?otherId=`) may be proposed as a duplicate again; both timelines record it. Managers and admins. Idempotent',
  query: dismissalQuerySchema,
  responses: [decided, { status: 404, description: 'Client inconnu' }, erased],
});
