import { getDb } from '@/db';
import { withAuth } from '@/lib/auth/with-auth';
import { json, noContent } from '@/lib/http/responses';
import { deleteSavedViewRoute, updateSavedViewRoute } from '@/lib/openapi/routes/saved-views';
import { deleteSavedView, updateSavedView } from '@/lib/saved-views/mutations';

/** `{ name?, shared? }` — another user's private view is a 404, another's shared one a 403 unless view.share. */
export const PATCH = withAuth(updateSavedViewRoute, async ({ actor, params, body }) =>
  json(await updateSavedView(getDb(), actor, params.viewId, body)),
);

export const DELETE = withAuth(deleteSavedViewRoute, async ({ actor, params }) => {
  await deleteSavedView(getDb(), actor, params.viewId);
  return noContent();
});
