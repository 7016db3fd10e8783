import { and, eq, inArray } from 'drizzle-orm';
import type { Db, Tx } from '@/db';
import { interventions, users, vehicles } from '@/db/schema';
import type { Actor } from '@/lib/auth/actor';
import { type ActivityEntry, withActivity } from '@/lib/audit';
import { AppError } from '@/lib/errors';
import { checkVersion, lockIntervention, requirePlan, requireReport, writableCustomer } from './guards';
import { kindLabel } from './labels';
import { replaceLines } from './lines';
import { getLines, toInterventionDto } from './queries';
import { applyReport } from './report';
import type {
  InterventionCancelInput,
  InterventionCreateInput,
  InterventionReportInput,
  InterventionStartInput,
  InterventionUpdateInput,
} from './schema';
import { assertEditable, transition } from './state';
import { computeTotals } from './totals';
import type { InterventionDto } from './types';

type InterventionRow = typeof interventions.$inferSelect;

const WHEN = new Intl.DateTimeFormat('fr-FR', { timeZone: 'Europe/Paris', dateStyle: 'short', timeStyle: 'short' });
export const whenFr = (d: Date) => WHEN.format(d).replace(' ', ' à ');

/** Relations a client names by id: another customer's vehicle is a 404 like an unknown one. */
async function checkVehicle(tx: Tx, customerId: string, vehicleId: string | null | undefined) {
  if (!vehicleId) return null;
  const [row] = await tx
    .select()
    .from(vehicles)
    .where(and(eq(vehicles.id, vehicleId), eq(vehicles.customerId, customerId)))
    .limit(1);
  if (!row) throw AppError.notFound('Véhicule introuvable.');
  return row;
}

async function checkTechnician(tx: Tx, technicianId: string | null | undefined) {
  if (!technicianId) return null;
  const [row] = await tx
    .select({ id: users.id, name: users.name })
    .from(users)
    .where(
      and(eq(users.id, technicianId), eq(users.active, true), inArray(users.role, ['technician', 'manager', 'admin'])),
    )
    .limit(1);
  if (!row) throw AppError.validation({ technicianId: ['Technicien introuvable ou inactif.'] });
  return row;
}

export const entry = (row: InterventionRow, title: string, extra: Partial<ActivityEntry> = {}): ActivityEntry => ({
  customerId: row.customerId,
  type: 'intervention',
  title,
  relatedType: 'intervention',
  relatedId: row.id,
  ...extra,
  // Amounts never go into the metadata: intervention rows are visible to every role.
  metadata: { interventionId: row.id, kind: row.kind, status: row.status, ...(extra.metadata ?? {}) },
});

export async function dto(tx: Tx, row: InterventionRow): Promise<InterventionDto> {
  return toInterventionDto(row, await getLines(tx, row.id));
}

export async function createIntervention(
  db: Db,
  actor: Actor,
  customerId: string,
  input: InterventionCreateInput,
): Promise<InterventionDto> {
  requirePlan(actor);
  return withActivity(db, actor, async (tx) => {
    const customer = await writableCustomer(tx, customerId);
    const vehicle = await checkVehicle(tx, customerId, input.vehicleId);
    const technician = await checkTechnician(tx, input.technicianId);
    const lines = input.lines ?? [];
    // The address is the customer's unless given (a fleet vehicle kept at another site).
    const hasAddress = input.addressLine1 || input.postalCode || input.city;
    const totals = computeTotals(lines);
    const [row] = await tx
      .insert(interventions)
      .values({
        customerId,
        vehicleId: vehicle?.id ?? null,
        technicianId: technician?.id ?? null,
        kind: input.kind,
        status: 'planned',
        description: input.description,
        addressLine1: hasAddress ? input.addressLine1 : customer.addressLine1,
        postalCode: hasAddress ? input.postalCode : customer.postalCode,
        city: hasAddress ? input.city : customer.city,
        scheduledAt: input.scheduledAt,
        durationMinutes: input.durationMinutes,
        totalHtCents: totals.totalHtCents,
        totalTtcCents: totals.totalTtcCents,
        createdBy: actor.kind === 'user' ? actor.id : null,
        updatedAt: new Date(),
      })
      .returning();
    await replaceLines(tx, row.id, lines);
    const who = [technician ? `Technicien : ${technician.name}` : 'Technicien à affecter', vehicle?.plate]
      .filter(Boolean)
      .join(' — ');
    return {
      value: await dto(tx, row),
      activity: entry(row, `Intervention planifiée : ${kindLabel(row.kind)} le ${whenFr(row.scheduledAt)}`, {
        description: who,
        metadata: {
          scheduledAt: row.scheduledAt.toISOString(),
          technicianId: row.technicianId,
          vehicleId: row.vehicleId,
        },
      }),
    };
  });
}

const PLANNING_FIELDS = [
  'kind',
  'scheduledAt',
  'durationMinutes',
  'vehicleId',
  'description',
  'addressLine1',
  'postalCode',
  'city',
] as const;
const REPORT_FIELDS = ['workDone', 'odometerKm', 'noCharge', 'lines'] as const;

const given = (input: object, key: string) => (input as Record<string, unknown>)[key] !== undefined;

/**
 * PATCH: planning fields (managers, before the start), technician (managers, until the end of the
 * work), report fields (see applyReport). With `updatedAt`, a stale version is a 409.
 */
export async function updateIntervention(
  db: Db,
  actor: Actor,
  customerId: string,
  id: string,
  input: Omit<InterventionUpdateInput, 'updatedAt'> & { updatedAt?: Date },
): Promise<InterventionDto> {
  return withActivity(db, actor, async (tx) => {
    const row = await lockIntervention(tx, customerId, id);
    checkVersion(row, input.updatedAt);
    const changes: Partial<InterventionRow> = {};
    const metadata: Record<string, unknown> = {};
    const fields: string[] = [];
    if (PLANNING_FIELDS.some((k) => given(input, k))) {
      requirePlan(actor);
      assertEditable(row.status, 'planning');
      if (input.vehicleId !== undefined)
        changes.vehicleId = (await checkVehicle(tx, customerId, input.vehicleId))?.id ?? null;
      for (const key of PLANNING_FIELDS)
        if (key !== 'vehicleId' && input[key] !== undefined) Object.assign(changes, { [key]: input[key] });
    }
    if (input.technicianId !== undefined && input.technicianId !== row.technicianId) {
      requirePlan(actor);
      assertEditable(row.status, 'assignment');
      const technician = await checkTechnician(tx, input.technicianId);
      changes.technicianId = technician?.id ?? null;
      metadata.technician = { from: row.technicianId, to: changes.technicianId, name: technician?.name ?? null };
    }
    if (REPORT_FIELDS.some((k) => given(input, k))) {
      const report = await applyReport(tx, actor, { ...row, ...changes }, input);
      Object.assign(changes, report.changes);
      Object.assign(metadata, report.metadata);
    }
    for (const [key, value] of Object.entries(changes)) {
      const before = row[key as keyof InterventionRow];
      const same =
        before instanceof Date && value instanceof Date ? before.getTime() === value.getTime() : before === value;
      if (!same && key !== 'totalHtCents' && key !== 'totalTtcCents') fields.push(key);
    }
    if (input.lines !== undefined && !fields.includes('lines')) fields.push('lines');
    if (!fields.length) return { value: await dto(tx, row), activity: null };
    const [updated] = await tx
      .update(interventions)
      .set({ ...changes, updatedAt: new Date() })
      .where(eq(interventions.id, row.id))
      .returning();
    const reassigned = fields.length === 1 && fields[0] === 'technicianId';
    const title = reassigned
      ? `Intervention réassignée : ${(metadata.technician as { name: string | null }).name ?? 'technicien à affecter'}`
      : REPORT_FIELDS.some((k) => fields.includes(k)) && !PLANNING_FIELDS.some((k) => fields.includes(k))
        ? `Compte rendu enregistré : ${kindLabel(updated.kind)}`
        : `Intervention modifiée : ${kindLabel(updated.kind)}`;
    return { value: await dto(tx, updated), activity: entry(updated, title, { metadata: { ...metadata, fields } }) };
  });
}

/** Managers move an intervention to another technician (or none), up to the end of the work. */
export function reassignIntervention(
  db: Db,
  actor: Actor,
  customerId: string,
  id: string,
  input: { technicianId: string | null; updatedAt: Date },
): Promise<InterventionDto> {
  return updateIntervention(db, actor, customerId, id, input);
}

/** The on-site report alone (work done, lines, odometer, no charge); `updatedAt` optional. */
export function saveInterventionReport(
  db: Db,
  actor: Actor,
  customerId: string,
  id: string,
  input: InterventionReportInput,
): Promise<InterventionDto> {
  return updateIntervention(db, actor, customerId, id, input);
}

export async function startIntervention(
  db: Db,
  actor: Actor,
  customerId: string,
  id: string,
  input: InterventionStartInput = {},
): Promise<InterventionDto> {
  return withActivity(db, actor, async (tx) => {
    const row = await lockIntervention(tx, customerId, id);
    await requireReport(tx, actor, row);
    checkVersion(row, input.updatedAt);
    const status = transition(row.status, 'start');
    const now = new Date();
    const [updated] = await tx
      .update(interventions)
      .set({ status, startedAt: now, updatedAt: now })
      .where(eq(interventions.id, row.id))
      .returning();
    return {
      value: await dto(tx, updated),
      activity: entry(updated, `Intervention démarrée : ${kindLabel(updated.kind)}`, {
        metadata: { startedAt: now.toISOString() },
      }),
    };
  });
}

export async function cancelIntervention(
  db: Db,
  actor: Actor,
  customerId: string,
  id: string,
  input: InterventionCancelInput,
): Promise<InterventionDto> {
  requirePlan(actor);
  return withActivity(db, actor, async (tx) => {
    const row = await lockIntervention(tx, customerId, id);
    checkVersion(row, input.updatedAt);
    const status = transition(row.status, 'cancel');
    const [updated] = await tx
      .update(interventions)
      .set({ status, cancelReason: input.reason, updatedAt: new Date() })
      .where(eq(interventions.id, row.id))
      .returning();
    return {
      value: await dto(tx, updated),
      activity: entry(updated, `Intervention annulée : ${kindLabel(updated.kind)}`, {
        description: input.reason,
        metadata: { from: row.status },
      }),
    };
  });
}
