import { getDb } from '@/db';
import { withAuth } from '@/lib/auth/with-auth';
import { createVehicle } from '@/lib/vehicles/mutations';
import { listVehicles } from '@/lib/vehicles/queries';
import { vehicleCreateSchema } from '@/lib/vehicles/schema';
import { parseId, parseJson } from '@/lib/http/parse';
import { json } from '@/lib/http/responses';

type P = { id: string };

export const GET = withAuth<P>(
  async (_req, { params }) => json({ data: await listVehicles(getDb(), parseId(params.id, 'Client')) }),
  { permission: 'customer.read' },
);

export const POST = withAuth<P>(
  async (req, { actor, params }) => {
    const id = parseId(params.id, 'Client');
    const input = await parseJson(req, vehicleCreateSchema);
    return json(await createVehicle(getDb(), actor, id, input), { status: 201 });
  },
  { permission: 'customer.field-update' },
);
