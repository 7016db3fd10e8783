import { and, asc, desc, eq, gte, inArray, lt, ne, type SQL, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { DbOrTx } from '@/db';
import { customers, interventions, users, vehicles } from '@/db/schema';
import { type InterventionStatus, OPEN_INTERVENTION_STATUSES } from '@/db/schema/enums';
import type { Actor } from '@/lib/auth/actor';
import { can } from '@/lib/auth/permissions';
import { customerDisplayName } from '@/lib/customers/schema';
import { AppError } from '@/lib/errors';
import { decodeCursor, type Page, toPage } from '@/lib/pagination';
import { readableCustomer } from './guards';
import { vehicleLabel } from './queries';
import type { InterventionListQuery, PlanningQuery } from './schema';
import { parisDayRange, parisToday } from './time';
import type { InterventionListItem, InterventionWithCustomer, VehicleRef } from './types';

/**
 * Lists of interventions, all keyset pages on (scheduledAt, id) over the indexes of
 * db/schema/interventions.ts: a customer's (customer_id, scheduled_at, id), a technician's day
 * (technician_id, scheduled_at, id), the planning (status, scheduled_at).
 */
const CLOSED_STATUSES: InterventionStatus[] = ['done', 'invoiced', 'cancelled'];

// Columns of a list row; the joins are by primary key.
const listColumns = {
  id: interventions.id,
  customerId: interventions.customerId,
  kind: interventions.kind,
  status: interventions.status,
  scheduledAt: interventions.scheduledAt,
  durationMinutes: interventions.durationMinutes,
  startedAt: interventions.startedAt,
  completedAt: interventions.completedAt,
  addressLine1: interventions.addressLine1,
  postalCode: interventions.postalCode,
  city: interventions.city,
  description: interventions.description,
  totalHtCents: interventions.totalHtCents,
  totalTtcCents: interventions.totalTtcCents,
  invoiceId: interventions.invoiceId,
  cancelReason: interventions.cancelReason,
  updatedAt: interventions.updatedAt,
  technicianId: interventions.technicianId,
  technicianName: users.name,
  vehicleId: interventions.vehicleId,
  plate: vehicles.plate,
  make: vehicles.make,
  model: vehicles.model,
  mileage: vehicles.mileage,
};

function selectList(db: DbOrTx) {
  return db
    .select(listColumns)
    .from(interventions)
    .leftJoin(users, eq(users.id, interventions.technicianId))
    .leftJoin(vehicles, eq(vehicles.id, interventions.vehicleId))
    .$dynamic();
}
type ListRow = Awaited<ReturnType<typeof selectList>>[number];

function toListItem(r: ListRow): InterventionListItem {
  const vehicle: VehicleRef | null = r.vehicleId
    ? { id: r.vehicleId, plate: r.plate, make: r.make, model: r.model, mileage: r.mileage, label: vehicleLabel(r) }
    : null;
  return {
    id: r.id,
    customerId: r.customerId,
    kind: r.kind,
    status: r.status,
    scheduledAt: r.scheduledAt,
    durationMinutes: r.durationMinutes,
    startedAt: r.startedAt,
    completedAt: r.completedAt,
    addressLine1: r.addressLine1,
    postalCode: r.postalCode,
    city: r.city,
    description: r.description,
    technician: r.technicianId ? { id: r.technicianId, name: r.technicianName ?? '' } : null,
    vehicle,
    totalHtCents: r.totalHtCents,
    totalTtcCents: r.totalTtcCents,
    invoiceId: r.invoiceId,
    cancelReason: r.cancelReason,
    updatedAt: r.updatedAt,
  };
}

const listCursor = z.object({ s: z.string().max(20), t: z.iso.datetime({ offset: true }), id: z.uuid() });

/** (scheduledAt, id) keyset in the list's direction. */
function after(cursor: z.infer<typeof listCursor> | null, direction: 'asc' | 'desc'): SQL | undefined {
  if (!cursor) return undefined;
  const key = sql`(${interventions.scheduledAt}, ${interventions.id})`;
  const value = sql`(${cursor.t}::timestamptz, ${cursor.id}::uuid)`;
  return direction === 'asc' ? sql`${key} > ${value}` : sql`${key} < ${value}`;
}

function readCursor(raw: string | undefined, tag: string) {
  const cursor = decodeCursor(raw, listCursor);
  if (cursor && cursor.s !== tag) throw AppError.badRequest('Curseur de pagination invalide pour cette liste.');
  return cursor;
}

/**
 * A customer's interventions, keyset pages on (scheduledAt, id): `upcoming` = not finished
 * (planned, in progress), soonest first; `past` = done, invoiced or cancelled, latest first;
 * `all` latest first. An optional status filter narrows any scope.
 */
export async function listCustomerInterventions(
  db: DbOrTx,
  customerId: string,
  query: InterventionListQuery,
): Promise<Page<InterventionListItem>> {
  await readableCustomer(db, customerId);
  const scopeStatuses: readonly InterventionStatus[] | null =
    query.scope === 'upcoming' ? OPEN_INTERVENTION_STATUSES : query.scope === 'past' ? CLOSED_STATUSES : null;
  const statuses = query.status
    ? query.status.filter((s) => !scopeStatuses || scopeStatuses.includes(s))
    : scopeStatuses;
  if (statuses && statuses.length === 0) return { data: [], nextCursor: null };
  const direction = query.scope === 'upcoming' ? 'asc' : 'desc';
  const cursor = readCursor(query.cursor, query.scope);
  const order = direction === 'asc' ? asc : desc;
  const rows = await selectList(db)
    .where(
      and(
        eq(interventions.customerId, customerId),
        statuses ? inArray(interventions.status, [...statuses]) : undefined,
        after(cursor, direction),
      ),
    )
    .orderBy(order(interventions.scheduledAt), order(interventions.id))
    .limit(query.limit + 1);
  return toPage(rows, query.limit, toListItem, (r) => ({
    s: query.scope,
    t: r.scheduledAt.toISOString(),
    id: r.id,
  }));
}

const withCustomerColumns = {
  ...listColumns,
  customerNumber: customers.number,
  customerKind: customers.kind,
  firstName: customers.firstName,
  lastName: customers.lastName,
  companyName: customers.companyName,
  phone: customers.phone,
  mobile: customers.mobile,
};

function selectWithCustomer(db: DbOrTx) {
  return db
    .select(withCustomerColumns)
    .from(interventions)
    .innerJoin(customers, eq(customers.id, interventions.customerId))
    .leftJoin(users, eq(users.id, interventions.technicianId))
    .leftJoin(vehicles, eq(vehicles.id, interventions.vehicleId))
    .$dynamic();
}
type WithCustomerRow = Awaited<ReturnType<typeof selectWithCustomer>>[number];

function toItemWithCustomer(r: WithCustomerRow): InterventionWithCustomer {
  return {
    ...toListItem(r),
    customer: {
      id: r.customerId,
      number: r.customerNumber,
      name: customerDisplayName({
        kind: r.customerKind,
        firstName: r.firstName,
        lastName: r.lastName,
        companyName: r.companyName,
      }),
      phone: r.phone,
      mobile: r.mobile,
    },
  };
}

async function listByTime(
  db: DbOrTx,
  where: (SQL | undefined)[],
  tag: string,
  limit: number,
  rawCursor: string | undefined,
): Promise<Page<InterventionWithCustomer>> {
  const cursor = readCursor(rawCursor, tag);
  const rows = await selectWithCustomer(db)
    .where(and(...where, after(cursor, 'asc')))
    .orderBy(asc(interventions.scheduledAt), asc(interventions.id))
    .limit(limit + 1);
  return toPage(rows, limit, toItemWithCustomer, (r) => ({
    s: tag,
    t: r.scheduledAt.toISOString(),
    id: r.id,
  }));
}

/**
 * Whose day `?technician=` asks for: `me` is the signed-in user (an API token has no day of its
 * own: 400); another technician's day is the planning, for managers and admins only (403).
 */
export function technicianForDay(actor: Actor, technician: 'me' | string): string {
  if (technician === 'me' || technician === actor.id) {
    if (actor.kind !== 'user' || !actor.id)
      throw AppError.badRequest(
        "technician=me désigne un utilisateur connecté : précisez l'identifiant du technicien.",
      );
    return actor.id;
  }
  if (!can(actor.role, 'intervention.plan'))
    throw AppError.forbidden('Seul un responsable peut consulter la journée d’un autre technicien.');
  return technician;
}

/**
 * "Ma journée": a technician's interventions of one Paris calendar day (00:00–24:00 Paris, so
 * 23 or 25 hours when the clocks change), in time order, cancelled ones left out.
 */
export async function listTechnicianDay(
  db: DbOrTx,
  params: { technicianId: string; date?: string; limit: number; cursor?: string },
): Promise<Page<InterventionWithCustomer> & { date: string }> {
  const date = params.date ?? parisToday();
  const { start, end } = parisDayRange(date);
  const page = await listByTime(
    db,
    [
      eq(interventions.technicianId, params.technicianId),
      gte(interventions.scheduledAt, start),
      lt(interventions.scheduledAt, end),
      ne(interventions.status, 'cancelled'),
    ],
    `day:${date}`.slice(0, 20),
    params.limit,
    params.cursor,
  );
  return { ...page, date };
}

/** Managers' planning: every technician (or one), a Paris day or the 7 days from `date`, in time order. */
export async function listPlanning(
  db: DbOrTx,
  query: PlanningQuery,
): Promise<Page<InterventionWithCustomer> & { from: string; days: number }> {
  const from = query.date ?? parisToday();
  const days = query.span === 'week' ? 7 : 1;
  const { start, end } = parisDayRange(from, days);
  const statuses = query.status ?? (['planned', 'in_progress', 'done', 'invoiced'] as InterventionStatus[]);
  const page = await listByTime(
    db,
    [
      inArray(interventions.status, statuses),
      gte(interventions.scheduledAt, start),
      lt(interventions.scheduledAt, end),
      query.technicianId ? eq(interventions.technicianId, query.technicianId) : undefined,
    ],
    `plan:${from}`.slice(0, 20),
    query.limit,
    query.cursor,
  );
  return { ...page, from, days };
}

/** The 360 summary: the customer's next intervention not done yet, from today (Paris) on. */
export async function getNextPlannedIntervention(
  db: DbOrTx,
  customerId: string,
  now = new Date(),
): Promise<InterventionListItem | null> {
  const { start } = parisDayRange(parisToday(now));
  const [row] = await selectList(db)
    .where(
      and(
        eq(interventions.customerId, customerId),
        inArray(interventions.status, [...OPEN_INTERVENTION_STATUSES]),
        gte(interventions.scheduledAt, start),
      ),
    )
    .orderBy(asc(interventions.scheduledAt), asc(interventions.id))
    .limit(1);
  return row ? toListItem(row) : null;
}
