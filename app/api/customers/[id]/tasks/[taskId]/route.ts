import { getDb } from '@/db';
import { withAuth } from '@/lib/auth/with-auth';
import { json } from '@/lib/http/responses';
import { updateTaskRoute } from '@/lib/openapi/routes/tasks';
import { updateTask } from '@/lib/tasks/mutations';

/** `{ title?, dueDate?, assigneeId?, completed? }` — the creator, the assignee, a manager or an admin. */
export const PATCH = withAuth(updateTaskRoute, async ({ actor, params, body }) =>
  json(await updateTask(getDb(), actor, params.id, params.taskId, body)),
);
