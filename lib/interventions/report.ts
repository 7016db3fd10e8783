import { eq } from 'drizzle-orm';
import type { Tx } from '@/db';
import { type interventions, vehicles } from '@/db/schema';
import type { Actor } from '@/lib/auth/actor';
import { AppError } from '@/lib/errors';
import { assertTechnicianPrices, replaceLines } from './lines';
import { requirePlan, requireReport } from './guards';
import { getLines } from './queries';
import type { InterventionReportInput } from './schema';
import { assertEditable } from './state';
import { computeTotals } from './totals';

type InterventionRow = typeof interventions.$inferSelect;

/**
 * The report part of an edit (work done, odometer, lines, no charge), shared by PATCH, the report
 * form and "Terminer". Before the work starts only a manager may set lines (the prices a
 * technician may then use) or "no charge"; during the work the assigned technician reports.
 * The odometer updates the vehicle's mileage, never backwards unless a manager or admin does it.
 */
export async function applyReport(
  tx: Tx,
  actor: Actor,
  row: InterventionRow,
  input: InterventionReportInput,
): Promise<{ changes: Partial<InterventionRow>; metadata: Record<string, unknown> }> {
  const metadata: Record<string, unknown> = {};
  const changes: Partial<InterventionRow> = {};
  assertEditable(row.status, 'report');
  if (row.status === 'planned') {
    if (input.workDone !== undefined || input.odometerKm !== undefined)
      throw AppError.conflict("Intervention non démarrée : démarrez-la avant d'en saisir le compte rendu.");
    requirePlan(actor);
  } else await requireReport(tx, actor, row);

  if (input.workDone !== undefined) changes.workDone = input.workDone;
  if (input.noCharge !== undefined) changes.noCharge = input.noCharge;
  if (input.odometerKm !== undefined) {
    changes.odometerKm = input.odometerKm;
    if (input.odometerKm != null) Object.assign(metadata, await recordMileage(tx, actor, row, input.odometerKm));
  }
  let lines = await getLines(tx, row.id);
  if (input.lines !== undefined) {
    assertTechnicianPrices(actor, lines, input.lines);
    lines = await replaceLines(tx, row.id, input.lines);
    metadata.lineCount = lines.length;
  }
  const totals = computeTotals(lines, { noCharge: changes.noCharge ?? row.noCharge });
  changes.totalHtCents = totals.totalHtCents;
  changes.totalTtcCents = totals.totalTtcCents;
  return { changes, metadata };
}

async function recordMileage(tx: Tx, actor: Actor, row: InterventionRow, odometerKm: number) {
  if (!row.vehicleId)
    throw AppError.validation({ odometerKm: ['Aucun véhicule associé : le kilométrage ne peut pas être relevé.'] });
  const [vehicle] = await tx.select().from(vehicles).where(eq(vehicles.id, row.vehicleId)).for('update').limit(1);
  if (!vehicle) throw AppError.notFound('Véhicule introuvable.');
  const before = vehicle.mileage;
  if (before != null && odometerKm < before) {
    if (actor.role !== 'manager' && actor.role !== 'admin')
      throw AppError.validation(
        {
          odometerKm: [
            `Le kilométrage ne peut pas diminuer : le véhicule affiche déjà ${before.toLocaleString('fr-FR')} km. Un responsable peut corriger.`,
          ],
        },
        'Le kilométrage ne peut pas diminuer.',
      );
  }
  if (before !== odometerKm) await tx.update(vehicles).set({ mileage: odometerKm }).where(eq(vehicles.id, vehicle.id));
  return {
    odometerKm,
    ...(before !== odometerKm ? { mileage: { vehicleId: vehicle.id, from: before, to: odometerKm } } : {}),
    ...(before != null && odometerKm < before ? { mileageDecreased: true } : {}),
  };
}
