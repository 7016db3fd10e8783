import { withAuth } from '@/lib/auth/with-auth';
import { json } from '@/lib/http/responses';
import { validateRoute } from '@/lib/openapi/routes/system';
import { validateValue } from '@/lib/validation';

/** Live field validation for forms and integrators: any signed-in caller. */
export const POST = withAuth(validateRoute, async ({ body }) => {
  const result = validateValue(body.kind, body.value);
  return json(
    result.valid ? { valid: true, normalized: result.normalized } : { valid: false, message: result.message },
  );
});
