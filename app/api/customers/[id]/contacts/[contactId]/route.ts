import { withAuth } from '@/lib/auth/with-auth';
import { contactEndpoints } from '@/lib/contacts/collection';
import { deleteContactRoute, getContactRoute, updateContactRoute } from '@/lib/openapi/routes/contacts';

export const GET = withAuth(getContactRoute, contactEndpoints.handlers.get);
export const PATCH = withAuth(updateContactRoute, contactEndpoints.handlers.update);
export const DELETE = withAuth(deleteContactRoute, contactEndpoints.handlers.remove);
