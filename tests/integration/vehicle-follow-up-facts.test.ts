import { eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { getDb } from '@/db';
import { interventions, vehicles } from '@/db/schema';
import { createCustomer, createVehicle } from '@/tests/factories';
import { insertIntervention } from '@/tests/factories/finances';

/**
 * The last contrôle / entretien facts on `vehicles` are kept by triggers on `interventions`
 * (migration 0010), whatever writes them: these tests write with plain SQL, as an import or a
 * restore would, and read the vehicle row back.
 */
async function facts(vehicleId: string) {
  const [v] = await getDb()
    .select({
      inspection: vehicles.lastInspectionDate,
      service: vehicles.lastServiceDate,
      km: vehicles.lastServiceKm,
    })
    .from(vehicles)
    .where(eq(vehicles.id, vehicleId));
  return v;
}

describe('vehicle follow-up facts (triggers on interventions)', () => {
  it('follow inserts, status changes, moves to another vehicle and deletes, in Paris dates', async () => {
    const c = await createCustomer({ lastName: 'Suivi' });
    const car = await createVehicle(c.id, { plate: 'AB-123-CD' });
    const van = await createVehicle(c.id, { plate: 'EF-456-GH' });
    expect(await facts(car.id)).toEqual({ inspection: null, service: null, km: null });

    // 23:30 UTC on 31 Dec 2024 is 1 January 2025 in Paris.
    const service = await insertIntervention(c.id, {
      vehicleId: car.id,
      kind: 'maintenance',
      completedAt: new Date('2024-12-31T23:30:00Z'),
      odometerKm: 42_000,
    });
    await insertIntervention(c.id, {
      vehicleId: car.id,
      kind: 'inspection',
      completedAt: new Date('2024-06-03T09:00:00Z'),
    });
    // Planned or cancelled work is not a fact.
    await insertIntervention(c.id, { vehicleId: car.id, kind: 'maintenance', status: 'planned', completedAt: null });
    await insertIntervention(c.id, {
      vehicleId: car.id,
      kind: 'inspection',
      status: 'cancelled',
      completedAt: new Date('2025-03-01T09:00:00Z'),
    });
    expect(await facts(car.id)).toEqual({ inspection: '2024-06-03', service: '2025-01-01', km: 42_000 });

    // Several rows in one statement (a bulk import): the latest entretien wins.
    await getDb()
      .insert(interventions)
      .values(
        [
          ['2025-05-02T08:00:00Z', 51_000],
          ['2025-04-01T08:00:00Z', 48_000],
        ].map(([at, km]) => ({
          customerId: c.id,
          vehicleId: car.id,
          kind: 'maintenance' as const,
          status: 'invoiced' as const,
          scheduledAt: new Date(at),
          completedAt: new Date(at),
          odometerKm: km as number,
        })),
      );
    expect(await facts(car.id)).toMatchObject({ service: '2025-05-02', km: 51_000 });

    // The first entretien moves to the van: both vehicles are recomputed.
    await getDb().update(interventions).set({ vehicleId: van.id }).where(eq(interventions.id, service.id));
    expect(await facts(van.id)).toEqual({ inspection: null, service: '2025-01-01', km: 42_000 });
    expect(await facts(car.id)).toMatchObject({ inspection: '2024-06-03', service: '2025-05-02' });

    await getDb().execute(sql`delete from interventions where vehicle_id = ${van.id}`);
    expect(await facts(van.id)).toEqual({ inspection: null, service: null, km: null });
  });
});
