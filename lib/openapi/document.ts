import { z } from 'zod';
import { ERROR_CODES } from '@/lib/errors';
import { type RouteDef, registeredRoutes } from './registry';
// One import per domain file (each defines its routes with defineRoute); add yours here. A route file
// whose definition is not registered fails tests/security/authorization-matrix.test.ts.
import './routes/activity';
import './routes/admin';
import './routes/analytics';
import './routes/consents';
import './routes/contacts';
import './routes/customers';
import './routes/documents';
import './routes/duplicates';
import './routes/emails';
import './routes/exports';
import './routes/finances';
import './routes/geo';
import './routes/interventions';
import './routes/notes';
import './routes/reminders';
import './routes/saved-views';
import './routes/search';
import './routes/system';
import './routes/tasks';
import './routes/tags';
import './routes/users';
import './routes/vehicles';

type JsonSchema = Record<string, unknown>;

/** Request side of a zod schema (what clients send: transforms and coercions documented by their input). */
function toSchema(schema: z.ZodType): JsonSchema {
  const out = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any', target: 'draft-2020-12' }) as JsonSchema;
  delete out.$schema;
  return out;
}

const errorSchema: JsonSchema = {
  type: 'object',
  required: ['error'],
  properties: {
    error: {
      type: 'object',
      required: ['code', 'message'],
      properties: {
        code: {
          type: 'string',
          enum: ERROR_CODES,
        },
        message: { type: 'string' },
        fields: { type: 'object', additionalProperties: { type: 'array', items: { type: 'string' } } },
      },
    },
  },
};

const ERRORS: Record<string, string> = {
  '400': 'JSON mal formé ou curseur invalide',
  '401': 'Authentification requise',
  '403': 'Permission refusée',
  '404': 'Introuvable (y compris un sous-élément d’un autre client)',
  '409': 'Conflit (version périmée, valeur unique en double)',
  '422': 'Champs invalides (`fields`)',
  '429': 'Trop de requêtes (`Retry-After`)',
};

const errorContent = { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } };

/** `Idempotency-Key` (lib/http/idempotency.ts), one reusable parameter on every write. */
const idempotencyKeyParameter: JsonSchema = {
  name: 'Idempotency-Key',
  in: 'header',
  required: false,
  description:
    'Optional. 1–255 visible ASCII characters, unique per operation (a UUID). Sent again by the same caller within 24 h with the same method, path and body, the request is not run again: the first response (status, body, `Content-Type`, `Location`) comes back with `Idempotent-Replayed: true`. 5xx, 408 and 429 answers are not kept (a retry acts). Malformed → 400.',
  schema: { type: 'string', minLength: 1, maxLength: 255, pattern: '^[\\x21-\\x7E]+$' },
};

const IDEMPOTENCY_ERRORS: Record<string, string> = {
  '409': '`idempotency_in_progress` : une requête avec la même clé est encore en cours (`Retry-After`)',
  '422': '`idempotency_mismatch` : clé déjà utilisée pour une autre requête',
};

function operation(route: RouteDef): JsonSchema {
  const parameters: JsonSchema[] = [];
  for (const m of route.path.matchAll(/\{(\w+)\}/g)) {
    parameters.push({ name: m[1], in: 'path', required: true, schema: { type: 'string', format: 'uuid' } });
  }
  if (route.query) {
    const q = toSchema(route.query) as { properties?: Record<string, JsonSchema>; required?: string[] };
    for (const [name, schema] of Object.entries(q.properties ?? {})) {
      parameters.push({ name, in: 'query', required: q.required?.includes(name) ?? false, schema });
    }
  }
  const responses: Record<string, JsonSchema> = {};
  for (const r of route.responses) {
    responses[String(r.status)] = {
      description: r.description,
      ...(r.schema ? { content: { [r.contentType ?? 'application/json']: { schema: toSchema(r.schema) } } } : {}),
    };
  }
  const mutating = route.method !== 'get' && route.permission !== 'public';
  if (mutating) {
    parameters.push({ $ref: '#/components/parameters/IdempotencyKey' });
    for (const [code, text] of Object.entries(IDEMPOTENCY_ERRORS))
      responses[code] = {
        description: `${(responses[code]?.description as string | undefined) ?? ERRORS[code]} ; ${text}`,
        content: responses[code]?.content ?? errorContent,
      };
  }
  const errorCodes = route.permission === 'public' ? [] : Object.keys(ERRORS);
  for (const code of errorCodes) {
    if (code === '403' && route.permission === null) continue;
    responses[code] ??= { description: ERRORS[code], content: errorContent };
  }
  const op: JsonSchema = {
    summary: route.summary,
    tags: [route.tag],
    operationId: `${route.method}${route.path.replace(/[{}]/g, '').replace(/[^a-zA-Z0-9]+(.)?/g, (_, c: string | undefined) => (c ? c.toUpperCase() : ''))}`,
    'x-permission': route.permission,
    ...(route.permission === 'public' ? { security: [] } : {}),
    ...(parameters.length ? { parameters } : {}),
    responses,
  };
  if (route.body) {
    op.requestBody = {
      required: true,
      content: { [route.bodyContentType ?? 'application/json']: { schema: toSchema(route.body) } },
    };
  }
  return op;
}

let cached: JsonSchema | undefined;

/** The OpenAPI 3.1 document, built once per process from the registered routes. */
export function openApiDocument(): JsonSchema {
  if (cached) return cached;
  const paths: Record<string, Record<string, JsonSchema>> = {};
  for (const route of [...registeredRoutes()].sort((a, b) => a.path.localeCompare(b.path))) {
    (paths[route.path] ??= {})[route.method] = operation(route);
  }
  cached = {
    openapi: '3.1.0',
    info: {
      title: 'Customer 360 API',
      version: '1.0.0',
      description:
        'JSON API. Authentication: `Authorization: Bearer <token>` (admin-issued API token) or the session cookie. Errors: `{ error: { code, message, fields? } }`. Lists: keyset pages `?limit=1..100&cursor=` → `{ data, nextCursor }`.',
    },
    servers: [{ url: '/' }],
    security: [{ bearerAuth: [] }, { sessionCookie: [] }],
    components: {
      securitySchemes: {
        bearerAuth: { type: 'http', scheme: 'bearer' },
        sessionCookie: { type: 'apiKey', in: 'cookie', name: 'authjs.session-token' },
      },
      schemas: { Error: errorSchema },
      parameters: { IdempotencyKey: idempotencyKeyParameter },
    },
    paths,
  };
  return cached;
}
