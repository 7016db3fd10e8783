import { withAuth } from '@/lib/auth/with-auth';
import { validateBodySchema } from '@/lib/customers/api-schemas';
import { parseJson } from '@/lib/http/parse';
import { json } from '@/lib/http/responses';
import { validateValue } from '@/lib/validation';

/** Live field validation for forms and integrators: any signed-in caller. */
export const POST = withAuth(
  async (req) => {
    const { kind, value } = await parseJson(req, validateBodySchema);
    const result = validateValue(kind, value);
    return json(
      result.valid ? { valid: true, normalized: result.normalized } : { valid: false, message: result.message },
    );
  },
  { permission: null },
);
