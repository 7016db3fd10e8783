import { publicRoute } from '@/lib/auth/with-auth';
import { json } from '@/lib/http/responses';
import { openApiDocument } from '@/lib/openapi/document';
import { openApiRoute } from '@/lib/openapi/routes/system';

/** Public: the API description generated from the route definitions and the zod schemas the handlers use. */
export const GET = publicRoute(openApiRoute, async () =>
  json(openApiDocument(), { headers: { 'cache-control': 'public, max-age=300' } }),
);
