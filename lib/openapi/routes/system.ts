import { validateBodySchema } from '@/lib/customers/api-schemas';
import { defineRoute } from '../registry';

export const healthRoute = defineRoute({
  method: 'get',
  path: '/api/health',
  tag: 'system',
  permission: 'public',
  summary: 'Liveness with a database check (`{status, db, driver}`; 503 when the database is unreachable)',
  responses: [
    { status: 200, description: 'OK' },
    { status: 503, description: 'Base de données indisponible' },
  ],
});

export const openApiRoute = defineRoute({
  method: 'get',
  path: '/api/openapi.json',
  tag: 'system',
  permission: 'public',
  summary: 'This document',
  responses: [{ status: 200, description: 'OpenAPI 3.1' }],
});

export const validateRoute = defineRoute({
  method: 'post',
  path: '/api/validate',
  tag: 'system',
  permission: null,
  summary: 'Validate and normalise one value (SIRET, SIREN, VAT, phone, email, plate, VIN, postal code)',
  body: validateBodySchema,
  responses: [{ status: 200, description: '`{ valid, normalized?, message? }`' }],
});
