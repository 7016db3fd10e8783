import { getDb } from '@/db';
import { createManualActivity } from '@/lib/activity/mutations';
import { listActivities } from '@/lib/activity/queries';
import { serializeActivity } from '@/lib/activity/serialize';
import { withAuth } from '@/lib/auth/with-auth';
import { json } from '@/lib/http/responses';
import { createActivityRoute, listActivitiesRoute } from '@/lib/openapi/routes/activity';

export const GET = withAuth(listActivitiesRoute, async ({ actor, params, query }) =>
  json(await listActivities(getDb(), actor, params.id, query)),
);

export const POST = withAuth(createActivityRoute, async ({ actor, params, body }) =>
  json(serializeActivity(await createManualActivity(getDb(), actor, params.id, body)), { status: 201 }),
);
