import { getDb } from '@/db';
import { withAuth } from '@/lib/auth/with-auth';
import { json } from '@/lib/http/responses';
import { listTasksRoute } from '@/lib/openapi/routes/tasks';
import { listTasks, tasksAssigneeFor } from '@/lib/tasks/queries';

export const GET = withAuth(listTasksRoute, async ({ actor, query }) =>
  json(
    await listTasks(getDb(), {
      assigneeId: tasksAssigneeFor(actor, query.assignee),
      filter: query.filter,
      limit: query.limit,
      cursor: query.cursor,
    }),
  ),
);
