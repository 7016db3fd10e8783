import { getDb } from '@/db';
import { correctActivity, deleteActivity } from '@/lib/activity/corrections';
import { serializeActivity } from '@/lib/activity/serialize';
import { withAuth } from '@/lib/auth/with-auth';
import { json, noContent } from '@/lib/http/responses';
import { correctActivityRoute, deleteActivityRoute } from '@/lib/openapi/routes/activity';

export const PATCH = withAuth(correctActivityRoute, async ({ actor, params, body }) =>
  json(serializeActivity(await correctActivity(getDb(), actor, params.id, params.activityId, body))),
);

export const DELETE = withAuth(deleteActivityRoute, async ({ actor, params }) => {
  await deleteActivity(getDb(), actor, params.id, params.activityId);
  return noContent();
});
