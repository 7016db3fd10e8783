import { and, eq } from 'drizzle-orm';
import type { Db, Tx } from '@/db';
import { vehicles } from '@/db/schema';
import type { Actor } from '@/lib/auth/actor';
import { diffFields, withActivity } from '@/lib/audit';
import { requireCustomer } from '@/lib/customers/guard';
import { refreshCustomerSearch } from '@/lib/customers/search';
import { serializeVehicle } from '@/lib/customers/serialize';
import type { VehicleDto } from '@/lib/customers/types';
import { AppError } from '@/lib/errors';
import { PLATE_OR_VIN_MESSAGE, type VehicleCreateInput, type VehicleUpdateInput } from './schema';

const FIELDS = ['plate', 'vin', 'make', 'model', 'year', 'mileage', 'fuel'] as const;

const label = (v: { plate: string | null; vin: string | null; make: string | null; model: string | null }) =>
  [v.plate ?? v.vin, [v.make, v.model].filter(Boolean).join(' ')].filter(Boolean).join(' — ');

async function lockVehicle(tx: Tx, customerId: string, vehicleId: string) {
  const [row] = await tx
    .select()
    .from(vehicles)
    .where(and(eq(vehicles.id, vehicleId), eq(vehicles.customerId, customerId)))
    .for('update')
    .limit(1);
  if (!row) throw AppError.notFound('Véhicule introuvable.');
  return row;
}

export async function createVehicle(
  db: Db,
  actor: Actor,
  customerId: string,
  input: VehicleCreateInput,
): Promise<VehicleDto> {
  return withActivity(db, actor, async (tx) => {
    await requireCustomer(tx, customerId, { forUpdate: true });
    const [row] = await tx
      .insert(vehicles)
      .values({ customerId, ...input })
      .returning();
    await refreshCustomerSearch(tx, customerId);
    return {
      value: serializeVehicle(row),
      activity: {
        customerId,
        type: 'profile',
        title: `Véhicule ajouté : ${label(row)}`,
        relatedType: 'vehicle',
        relatedId: row.id,
      },
    };
  });
}

export async function updateVehicle(
  db: Db,
  actor: Actor,
  customerId: string,
  vehicleId: string,
  input: VehicleUpdateInput,
): Promise<VehicleDto> {
  return withActivity(db, actor, async (tx) => {
    await requireCustomer(tx, customerId, { forUpdate: true });
    const current = await lockVehicle(tx, customerId, vehicleId);
    if (input.updatedAt && input.updatedAt.getTime() !== current.updatedAt.getTime()) {
      throw AppError.conflict("Ce véhicule a été modifié par quelqu'un d'autre. Rechargez la page.");
    }
    const changes: Partial<typeof vehicles.$inferInsert> = {};
    for (const key of FIELDS) if (input[key] !== undefined) (changes as Record<string, unknown>)[key] = input[key];
    const merged = { ...current, ...changes };
    if (!merged.plate && !merged.vin) throw AppError.validation({ plate: [PLATE_OR_VIN_MESSAGE] });
    const diff = diffFields(current as Record<string, unknown>, changes as Record<string, unknown>, FIELDS);
    if (!Object.keys(diff).length) return { value: serializeVehicle(current), activity: null };
    const [row] = await tx.update(vehicles).set(changes).where(eq(vehicles.id, vehicleId)).returning();
    if ('plate' in diff || 'vin' in diff) await refreshCustomerSearch(tx, customerId);
    return {
      value: serializeVehicle(row),
      activity: {
        customerId,
        type: 'profile',
        title: `Véhicule modifié : ${label(row)}`,
        metadata: { changes: diff },
        relatedType: 'vehicle',
        relatedId: row.id,
      },
    };
  });
}

export async function deleteVehicle(db: Db, actor: Actor, customerId: string, vehicleId: string): Promise<void> {
  await withActivity(db, actor, async (tx) => {
    await requireCustomer(tx, customerId, { forUpdate: true });
    const current = await lockVehicle(tx, customerId, vehicleId);
    await tx.delete(vehicles).where(eq(vehicles.id, vehicleId));
    await refreshCustomerSearch(tx, customerId);
    return {
      value: undefined,
      activity: {
        customerId,
        type: 'profile',
        title: `Véhicule supprimé : ${label(current)}`,
        relatedType: 'vehicle',
        relatedId: vehicleId,
      },
    };
  });
}
