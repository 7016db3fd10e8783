import 'server-only';
import { and, asc, eq, inArray } from 'drizzle-orm';
import { getDb } from '@/db';
import { users, vehicles } from '@/db/schema';
import type { Actor } from '@/lib/auth/actor';
import { interventionAbilities, type InterventionAbilities } from '@/lib/auth/permissions';
import { env } from '@/lib/env';
import { firstPageOnBadCursor } from '@/lib/pagination';
import { getNextPlannedIntervention, listCustomerInterventions, listPlanning, listTechnicianDay } from './lists';
import { getIntervention, vehicleLabel } from './queries';
import { dayField, type InterventionStatus, INTERVENTION_STATUSES, planningQuerySchema } from './schema';
import { parisToday } from './time';
import type { InterventionDetail, PersonRef } from './types';

/**
 * Loaders of the interventions pages (components never query): the Interventions tab, the
 * intervention page, "Ma journée", the planning and the 360 summary's next visit.
 */
const PAGE = 10;

const statusFilter = (value: string | undefined): InterventionStatus[] | undefined =>
  value && (INTERVENTION_STATUSES as readonly string[]).includes(value) ? [value as InterventionStatus] : undefined;

/** Upcoming (soonest first) and past (latest first), each its own keyset page (`up`, `past` cursors). */
export async function loadInterventionsTab(
  customerId: string,
  params: { status?: string; up?: string; past?: string },
) {
  const db = getDb();
  const status = statusFilter(params.status);
  const [upcoming, past] = await Promise.all([
    firstPageOnBadCursor(
      (cursor) => listCustomerInterventions(db, customerId, { scope: 'upcoming', status, limit: PAGE, cursor }),
      params.up,
    ),
    firstPageOnBadCursor(
      (cursor) => listCustomerInterventions(db, customerId, { scope: 'past', status, limit: PAGE, cursor }),
      params.past,
    ),
  ]);
  return { upcoming, past, status: status?.[0] ?? null };
}

/** Who may be assigned: active technicians, managers and admins (the mutation checks the same). */
export async function loadAssignableTechnicians(): Promise<PersonRef[]> {
  return getDb()
    .select({ id: users.id, name: users.name })
    .from(users)
    .where(and(eq(users.active, true), inArray(users.role, ['technician', 'manager', 'admin'])))
    .orderBy(asc(users.name), asc(users.id));
}

/** The "Planifier" form's choices: the customer's vehicles and who may be assigned. */
export async function loadPlanningChoices(customerId: string) {
  const [vehicleRows, technicians] = await Promise.all([
    getDb()
      .select({ id: vehicles.id, plate: vehicles.plate, make: vehicles.make, model: vehicles.model })
      .from(vehicles)
      .where(eq(vehicles.customerId, customerId))
      .orderBy(asc(vehicles.createdAt), asc(vehicles.id)),
    loadAssignableTechnicians(),
  ]);
  return { vehicles: vehicleRows.map((v) => ({ id: v.id, label: vehicleLabel(v) })), technicians };
}

export interface InterventionPageData {
  intervention: InterventionDetail;
  abilities: InterventionAbilities;
}

export async function loadInterventionPage(
  actor: Actor,
  customer: { id: string; erasedAt: Date | null },
  interventionId: string,
): Promise<InterventionPageData> {
  const intervention = await getIntervention(getDb(), customer.id, interventionId, { role: actor.role });
  return {
    intervention,
    abilities: interventionAbilities(actor, customer, intervention, { techPricing: env().INTERVENTION_TECH_PRICING }),
  };
}

/** "Ma journée": the signed-in user's interventions of a Paris day (default today), in time order. */
export function loadMyDay(actor: Actor, params: { date?: string; cursor?: string }) {
  const date = params.date && dayField.safeParse(params.date).success ? params.date : undefined;
  return firstPageOnBadCursor(
    (cursor) => listTechnicianDay(getDb(), { technicianId: actor.id!, date, limit: 50, cursor }),
    params.cursor,
  );
}

/** The managers' planning: a day or a week from `date`, every technician or one. */
export function loadPlanning(params: Record<string, string | undefined>) {
  const parsed = planningQuerySchema.safeParse({ ...params, limit: 100 });
  const query = parsed.success ? parsed.data : planningQuerySchema.parse({ limit: 100 });
  return firstPageOnBadCursor((cursor) => listPlanning(getDb(), { ...query, cursor }), query.cursor);
}

export function loadNextIntervention(customerId: string) {
  return getNextPlannedIntervention(getDb(), customerId);
}

export { parisToday };
