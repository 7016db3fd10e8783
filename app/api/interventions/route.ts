import { getDb } from '@/db';
import { withAuth } from '@/lib/auth/with-auth';
import { json } from '@/lib/http/responses';
import { listTechnicianDay, technicianForDay } from '@/lib/interventions/lists';
import { technicianDayRoute } from '@/lib/openapi/routes/interventions';

export const GET = withAuth(technicianDayRoute, async ({ actor, query }) =>
  json(
    await listTechnicianDay(getDb(), {
      technicianId: technicianForDay(actor, query.technician),
      date: query.date,
      limit: query.limit,
      cursor: query.cursor,
    }),
  ),
);
