import { and, asc, eq } from 'drizzle-orm';
import type { DbOrTx } from '@/db';
import { vehicles } from '@/db/schema';
import { requireCustomer } from '@/lib/customers/guard';
import { serializeVehicle } from '@/lib/customers/serialize';
import type { VehicleDto } from '@/lib/customers/types';
import { AppError } from '@/lib/errors';

/** Vehicles of a customer in the order they were added. 404 when the customer does not exist. */
export async function listVehicles(db: DbOrTx, customerId: string): Promise<VehicleDto[]> {
  await requireCustomer(db, customerId, { allowErased: true });
  const rows = await db
    .select()
    .from(vehicles)
    .where(eq(vehicles.customerId, customerId))
    .orderBy(asc(vehicles.createdAt), asc(vehicles.id));
  return rows.map(serializeVehicle);
}

export async function getVehicleRow(db: DbOrTx, customerId: string, vehicleId: string) {
  const [row] = await db
    .select()
    .from(vehicles)
    .where(and(eq(vehicles.id, vehicleId), eq(vehicles.customerId, customerId)))
    .limit(1);
  return row ?? null;
}

/** A vehicle of another customer is "not found" for this one. */
export async function getVehicleOrThrow(db: DbOrTx, customerId: string, vehicleId: string): Promise<VehicleDto> {
  const row = await getVehicleRow(db, customerId, vehicleId);
  if (!row) throw AppError.notFound('Véhicule introuvable.');
  return serializeVehicle(row);
}
