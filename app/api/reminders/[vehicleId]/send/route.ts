import { getDb } from '@/db';
import { withAuth } from '@/lib/auth/with-auth';
import { json } from '@/lib/http/responses';
import { sendReminderRoute } from '@/lib/openapi/routes/reminders';
import { sendReminderSchema } from '@/lib/reminders/schema';
import { sendVehicleReminder } from '@/lib/reminders/send';

/** 202 `{ id, status, error, customerId, vehicleId, reasons }`; 403 consent_missing with the reason. */
export const POST = withAuth(sendReminderRoute, async ({ actor, params, body }) =>
  json(await sendVehicleReminder(getDb(), actor, params.vehicleId, body ?? sendReminderSchema.parse({})), {
    status: 202,
  }),
);
