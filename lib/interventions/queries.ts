import { and, asc, eq, inArray, isNull } from 'drizzle-orm';
import type { DbOrTx } from '@/db';
import { customerDocuments, interventionLines, type interventions, invoices, users, vehicles } from '@/db/schema';
import { ROLES, type Role } from '@/db/schema/enums';
import { roleAtLeast } from '@/lib/auth/permissions';
import { findIntervention, readableCustomer } from './guards';
import { lineAmounts } from './totals';
import type { InterventionDetail, InterventionDto, InterventionLineDto } from './types';

type InterventionRow = typeof interventions.$inferSelect;
type LineRow = typeof interventionLines.$inferSelect;

export function vehicleLabel(v: { make: string | null; model: string | null; plate: string | null }): string {
  const name = [v.make, v.model].filter(Boolean).join(' ');
  return [name, v.plate ? `(${v.plate})` : ''].filter(Boolean).join(' ') || 'Véhicule';
}

export function toLineDto(row: LineRow): InterventionLineDto {
  return {
    id: row.id,
    position: row.position,
    label: row.label,
    quantity: Number(row.quantity),
    unitPriceHtCents: row.unitPriceHtCents,
    vatRateBp: row.vatRateBp,
    totalHtCents: lineAmounts(row).htCents,
  };
}

export function toInterventionDto(row: InterventionRow, lines: LineRow[]): InterventionDto {
  return {
    id: row.id,
    customerId: row.customerId,
    vehicleId: row.vehicleId,
    technicianId: row.technicianId,
    kind: row.kind,
    status: row.status,
    description: row.description,
    scheduledAt: row.scheduledAt,
    durationMinutes: row.durationMinutes,
    addressLine1: row.addressLine1,
    postalCode: row.postalCode,
    city: row.city,
    startedAt: row.startedAt,
    completedAt: row.completedAt,
    odometerKm: row.odometerKm,
    workDone: row.workDone,
    noCharge: row.noCharge,
    lines: lines.map(toLineDto),
    totalHtCents: row.totalHtCents,
    totalTtcCents: row.totalTtcCents,
    invoiceId: row.invoiceId,
    cancelReason: row.cancelReason,
    signatureDocumentId: row.signatureDocumentId,
    reportDocumentId: row.reportDocumentId,
    createdBy: row.createdBy,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

export async function getLines(db: DbOrTx, interventionId: string): Promise<LineRow[]> {
  return db
    .select()
    .from(interventionLines)
    .where(eq(interventionLines.interventionId, interventionId))
    .orderBy(asc(interventionLines.position));
}

/** One intervention with its lines, vehicle, technician, invoice number and the photos the role may see. */
export async function getIntervention(
  db: DbOrTx,
  customerId: string,
  id: string,
  options: { role: Role },
): Promise<InterventionDetail> {
  await readableCustomer(db, customerId);
  const row = await findIntervention(db, customerId, id);
  const [lines, technician, vehicle, invoice, photos] = await Promise.all([
    getLines(db, id),
    row.technicianId
      ? db.select({ id: users.id, name: users.name }).from(users).where(eq(users.id, row.technicianId)).limit(1)
      : [],
    row.vehicleId
      ? db
          .select({
            id: vehicles.id,
            plate: vehicles.plate,
            make: vehicles.make,
            model: vehicles.model,
            mileage: vehicles.mileage,
          })
          .from(vehicles)
          .where(eq(vehicles.id, row.vehicleId))
          .limit(1)
      : [],
    row.invoiceId
      ? db.select({ number: invoices.number }).from(invoices).where(eq(invoices.id, row.invoiceId)).limit(1)
      : [],
    db
      .select({
        id: customerDocuments.id,
        originalName: customerDocuments.originalName,
        mimeType: customerDocuments.mimeType,
        description: customerDocuments.description,
        uploadedAt: customerDocuments.uploadedAt,
      })
      .from(customerDocuments)
      .where(
        and(
          eq(customerDocuments.interventionId, id),
          eq(customerDocuments.customerId, customerId),
          eq(customerDocuments.category, 'photo'),
          isNull(customerDocuments.deletedAt),
          inArray(
            customerDocuments.minRole,
            ROLES.filter((r) => roleAtLeast(options.role, r)),
          ),
        ),
      )
      .orderBy(asc(customerDocuments.uploadedAt), asc(customerDocuments.id)),
  ]);
  const v = vehicle[0];
  return {
    ...toInterventionDto(row, lines),
    technician: technician[0] ?? null,
    vehicle: v ? { ...v, label: vehicleLabel(v) } : null,
    invoiceNumber: invoice[0]?.number ?? null,
    // The signature is a document of its own (signatureDocumentId), not one of the photos.
    photos: photos.filter((p) => p.id !== row.signatureDocumentId),
  };
}
