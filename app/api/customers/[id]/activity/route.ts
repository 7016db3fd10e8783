import { getDb } from '@/db';
import { createManualActivity } from '@/lib/activity/mutations';
import { serializeActivity } from '@/lib/activity/serialize';
import { withAuth } from '@/lib/auth/with-auth';
import { json } from '@/lib/http/responses';
import { createActivityAliasRoute } from '@/lib/openapi/routes/activity';

/** Alias of POST /activities (same rules, same answer). */
export const POST = withAuth(createActivityAliasRoute, async ({ actor, params, body }) =>
  json(serializeActivity(await createManualActivity(getDb(), actor, params.id, body)), { status: 201 }),
);
