import { withAuth } from '@/lib/auth/with-auth';
import { contactEndpoints } from '@/lib/contacts/collection';
import { createContactRoute, listContactsRoute } from '@/lib/openapi/routes/contacts';

export const GET = withAuth(listContactsRoute, contactEndpoints.handlers.list);
export const POST = withAuth(createContactRoute, contactEndpoints.handlers.create);
