import { getDb } from '@/db';
import { withAuth } from '@/lib/auth/with-auth';
import { renderTemplateForCustomer } from '@/lib/email/template-values';
import { json } from '@/lib/http/responses';
import { previewCustomerEmailRoute } from '@/lib/openapi/routes/emails';

export const POST = withAuth(previewCustomerEmailRoute, async ({ actor, params, body }) =>
  json(await renderTemplateForCustomer(getDb(), actor, params.id, body.templateId)),
);
