import { getDb } from '@/db';
import { withAuth } from '@/lib/auth/with-auth';
import { dismissPair, restorePair } from '@/lib/duplicates/dismissals';
import { json } from '@/lib/http/responses';
import { dismissDuplicateRoute, restoreDuplicateRoute } from '@/lib/openapi/routes/duplicates';

/** `{ otherId }` → 200: the pair is no longer proposed as a duplicate. */
export const POST = withAuth(dismissDuplicateRoute, async ({ actor, params, body }) =>
  json(await dismissPair(getDb(), actor, params.id, body.otherId)),
);

/** `?otherId=` → 200: the pair may be proposed again. */
export const DELETE = withAuth(restoreDuplicateRoute, async ({ actor, params, query }) =>
  json(await restorePair(getDb(), actor, params.id, query.otherId)),
);
