import 'server-only';
import { and, asc, desc, eq, gte, inArray, or, sql } from 'drizzle-orm';
import { type DbOrTx, getDb } from '@/db';
import { interventions, users, vehicles } from '@/db/schema';
import { OPEN_INTERVENTION_STATUSES } from '@/db/schema/enums';
import { vehicleLabel } from './queries';
import { parisDayRange, parisToday } from './time';

/** What the technician's phone screen shows of the job at hand. */
export interface CurrentIntervention {
  id: string;
  kind: string;
  status: 'planned' | 'in_progress';
  scheduledAt: Date;
  durationMinutes: number;
  description: string | null;
  /** Where the work happens when it is not the customer's address. */
  place: string | null;
  vehicle: string | null;
  technicianName: string | null;
}

/**
 * The customer's current intervention (in progress, whenever it started) or else the next one
 * planned from today (Paris) on: one row from interventions_customer_idx.
 */
export async function getCurrentOrNextIntervention(
  db: DbOrTx,
  customerId: string,
  now = new Date(),
): Promise<CurrentIntervention | null> {
  const { start } = parisDayRange(parisToday(now));
  const [row] = await db
    .select({
      id: interventions.id,
      kind: interventions.kind,
      status: interventions.status,
      scheduledAt: interventions.scheduledAt,
      durationMinutes: interventions.durationMinutes,
      description: interventions.description,
      addressLine1: interventions.addressLine1,
      postalCode: interventions.postalCode,
      city: interventions.city,
      plate: vehicles.plate,
      make: vehicles.make,
      model: vehicles.model,
      vehicleId: interventions.vehicleId,
      technicianName: users.name,
    })
    .from(interventions)
    .leftJoin(vehicles, eq(vehicles.id, interventions.vehicleId))
    .leftJoin(users, eq(users.id, interventions.technicianId))
    .where(
      and(
        eq(interventions.customerId, customerId),
        inArray(interventions.status, [...OPEN_INTERVENTION_STATUSES]),
        or(eq(interventions.status, 'in_progress'), gte(interventions.scheduledAt, start)),
      ),
    )
    .orderBy(desc(sql`${interventions.status} = 'in_progress'`), asc(interventions.scheduledAt), asc(interventions.id))
    .limit(1);
  if (!row) return null;
  const place = [row.addressLine1, [row.postalCode, row.city].filter(Boolean).join(' ')].filter(Boolean).join(', ');
  return {
    id: row.id,
    kind: row.kind,
    status: row.status as CurrentIntervention['status'],
    scheduledAt: row.scheduledAt,
    durationMinutes: row.durationMinutes,
    description: row.description,
    place: place || null,
    vehicle: row.vehicleId ? vehicleLabel(row) : null,
    technicianName: row.technicianName,
  };
}

/** Customer page (phone screen): the job at hand. */
export function loadCurrentIntervention(customerId: string): Promise<CurrentIntervention | null> {
  return getCurrentOrNextIntervention(getDb(), customerId);
}
