import { getDb } from '@/db';
import { listActivities } from '@/lib/activity/queries';
import { createManualActivity } from '@/lib/activity/mutations';
import { activityListQuerySchema, manualActivitySchema } from '@/lib/activity/schema';
import { serializeActivity } from '@/lib/activity/serialize';
import { withAuth } from '@/lib/auth/with-auth';
import { parseId, parseJson, parseQuery } from '@/lib/http/parse';
import { json } from '@/lib/http/responses';

type P = { id: string };

export const GET = withAuth<P>(
  async (req, { params }) => {
    const id = parseId(params.id, 'Client');
    const query = parseQuery(req, activityListQuerySchema);
    return json(await listActivities(getDb(), id, query));
  },
  { permission: 'customer.read' },
);

export const POST = withAuth<P>(
  async (req, { actor, params }) => {
    const id = parseId(params.id, 'Client');
    const input = await parseJson(req, manualActivitySchema);
    return json(serializeActivity(await createManualActivity(getDb(), actor, id, input)), { status: 201 });
  },
  { permission: 'activity.create' },
);
