import { getDb } from '@/db';
import { withAuth } from '@/lib/auth/with-auth';
import { deleteEmailTemplate, updateEmailTemplate } from '@/lib/email/templates';
import { json, noContent } from '@/lib/http/responses';
import { deleteEmailTemplateRoute, updateEmailTemplateRoute } from '@/lib/openapi/routes/emails';

export const PATCH = withAuth(updateEmailTemplateRoute, async ({ actor, params, body }) =>
  json(await updateEmailTemplate(getDb(), actor, params.templateId, body)),
);

export const DELETE = withAuth(deleteEmailTemplateRoute, async ({ params }) => {
  await deleteEmailTemplate(getDb(), params.templateId);
  return noContent();
});
