import { getDb } from '@/db';
import { withAuth } from '@/lib/auth/with-auth';
import { requireCustomer } from '@/lib/customers/guard';
import { json } from '@/lib/http/responses';
import { createTaskRoute, listCustomerTasksRoute } from '@/lib/openapi/routes/tasks';
import { createTask } from '@/lib/tasks/mutations';
import { listCustomerTasks } from '@/lib/tasks/queries';

export const GET = withAuth(listCustomerTasksRoute, async ({ params, query }) => {
  const db = getDb();
  await requireCustomer(db, params.id, { allowErased: true });
  return json(await listCustomerTasks(db, { customerId: params.id, ...query }));
});

export const POST = withAuth(createTaskRoute, async ({ actor, params, body }) =>
  json(await createTask(getDb(), actor, params.id, body), { status: 201 }),
);
