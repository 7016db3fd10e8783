import { validateBodySchema } from '@/lib/customers/api-schemas';
import { ok, routesOf } from '../registry';

const route = routesOf('system');

export const healthRoute = route.get('/api/health', {
  permission: 'public',
  summary: 'Liveness with a database check (`{status, db, driver}`; 503 when the database is unreachable)',
  responses: [ok('OK'), { status: 503, description: 'Base de données indisponible' }],
});

export const openApiRoute = route.get('/api/openapi.json', {
  permission: 'public',
  summary: 'This document',
  responses: [ok('OpenAPI 3.1')],
});

export const validateRoute = route.post('/api/validate', {
  permission: null,
  summary: 'Validate and normalise one value (SIRET, SIREN, VAT, phone, email, plate, VIN, postal code)',
  body: validateBodySchema,
  responses: [ok('`{ valid, normalized?, message? }`')],
});
