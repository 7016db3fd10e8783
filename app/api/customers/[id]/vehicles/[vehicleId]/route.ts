import { getDb } from '@/db';
import { withAuth } from '@/lib/auth/with-auth';
import { deleteVehicle, updateVehicle } from '@/lib/vehicles/mutations';
import { getVehicleOrThrow } from '@/lib/vehicles/queries';
import { vehicleUpdateSchema } from '@/lib/vehicles/schema';
import { parseId, parseJson } from '@/lib/http/parse';
import { json, noContent } from '@/lib/http/responses';

type P = { id: string; vehicleId: string };

export const GET = withAuth<P>(
  async (_req, { params }) =>
    json(await getVehicleOrThrow(getDb(), parseId(params.id, 'Client'), parseId(params.vehicleId, 'Véhicule'))),
  { permission: 'customer.read' },
);

export const PATCH = withAuth<P>(
  async (req, { actor, params }) => {
    const id = parseId(params.id, 'Client');
    const vehicleId = parseId(params.vehicleId, 'Véhicule');
    const input = await parseJson(req, vehicleUpdateSchema);
    return json(await updateVehicle(getDb(), actor, id, vehicleId, input));
  },
  { permission: 'customer.field-update' },
);

export const DELETE = withAuth<P>(
  async (_req, { actor, params }) => {
    await deleteVehicle(getDb(), actor, parseId(params.id, 'Client'), parseId(params.vehicleId, 'Véhicule'));
    return noContent();
  },
  { permission: 'customer.field-update' },
);
