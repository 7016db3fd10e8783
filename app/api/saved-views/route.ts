import { getDb } from '@/db';
import { withAuth } from '@/lib/auth/with-auth';
import { json } from '@/lib/http/responses';
import { createSavedViewRoute, listSavedViewsRoute } from '@/lib/openapi/routes/saved-views';
import { createSavedView } from '@/lib/saved-views/mutations';
import { listSavedViews } from '@/lib/saved-views/queries';

export const GET = withAuth(listSavedViewsRoute, async ({ actor }) =>
  json({ data: await listSavedViews(getDb(), actor) }),
);

export const POST = withAuth(createSavedViewRoute, async ({ actor, body }) =>
  json(await createSavedView(getDb(), actor, body), { status: 201 }),
);
