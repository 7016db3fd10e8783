import { getDb } from '@/db';
import { withAuth } from '@/lib/auth/with-auth';
import { createEmailTemplate, listEmailTemplates } from '@/lib/email/templates';
import { TEMPLATE_VARIABLES } from '@/lib/email/template-variables';
import { json } from '@/lib/http/responses';
import { createEmailTemplateRoute, listEmailTemplatesRoute } from '@/lib/openapi/routes/emails';

const variables = Object.entries(TEMPLATE_VARIABLES).map(([name, label]) => ({ name, label }));

export const GET = withAuth(listEmailTemplatesRoute, async () =>
  json({ data: await listEmailTemplates(getDb()), variables }),
);

export const POST = withAuth(createEmailTemplateRoute, async ({ actor, body }) =>
  json(await createEmailTemplate(getDb(), actor, body), { status: 201 }),
);
