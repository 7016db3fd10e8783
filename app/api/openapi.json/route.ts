import { json } from '@/lib/http/responses';
import { openApiDocument } from '@/lib/openapi/document';

/** Public: the API description generated from the zod schemas the handlers use. */
export async function GET(): Promise<Response> {
  try {
    return json(openApiDocument(), { headers: { 'cache-control': 'public, max-age=300' } });
  } catch (error) {
    console.error('[openapi] generation failed', error);
    return json({ error: { code: 'internal_error', message: 'Une erreur interne est survenue.' } }, { status: 500 });
  }
}
