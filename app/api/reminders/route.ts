import { getDb } from '@/db';
import { withAuth } from '@/lib/auth/with-auth';
import { json } from '@/lib/http/responses';
import { listDueVehicles } from '@/lib/interventions/follow-up';
import { listRemindersRoute } from '@/lib/openapi/routes/reminders';

/** `?days=30|60|90&cursor=` → `{ data, nextCursor, until }`, most urgent first. */
export const GET = withAuth(listRemindersRoute, async ({ query }) => json(await listDueVehicles(getDb(), query)));
