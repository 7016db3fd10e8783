import { beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '@/db';
import type { Actor } from '@/lib/auth/actor';
import type { AppError } from '@/lib/errors';
import { listDueVehicles, listVehicleFollowUps } from '@/lib/interventions/follow-up';
import {
  getNextPlannedIntervention,
  listCustomerInterventions,
  listPlanning,
  listTechnicianDay,
  technicianForDay,
} from '@/lib/interventions/lists';
import { interventionListQuerySchema, planningQuerySchema } from '@/lib/interventions/schema';
import { actorFor, createCustomer, createUser, createVehicle } from '@/tests/factories';
import { insertIntervention } from '@/tests/factories/finances';

let tech: Actor;
let otherTech: Actor;

beforeAll(async () => {
  tech = actorFor(await createUser('technician', { name: 'Karim Benali' }));
  otherTech = actorFor(await createUser('technician', { name: 'Léa Petit' }));
});

const at = (iso: string) => new Date(iso);
const planned = (customerId: string, scheduledAt: Date, extra: Record<string, unknown> = {}) =>
  insertIntervention(customerId, {
    status: 'planned',
    scheduledAt,
    completedAt: null,
    totalHtCents: 0,
    totalTtcCents: 0,
    ...extra,
  });

describe("a technician's day (Europe/Paris)", () => {
  it('covers 00:00–24:00 Paris on the day the clocks go forward, in time order, without cancelled ones', async () => {
    const c = await createCustomer({ lastName: 'Journée' });
    const mine = { technicianId: tech.id! };
    // 29 March 2026: 00:00 Paris = 23:00 UTC the day before (UTC+1); 24:00 = 22:00 UTC (UTC+2).
    await planned(c.id, at('2026-03-28T22:59:59Z'), mine); // 23:59:59 on the 28th
    const first = await planned(c.id, at('2026-03-28T23:00:00Z'), mine); // 00:00 on the 29th
    const noon = await planned(c.id, at('2026-03-29T10:00:00Z'), mine);
    const last = await planned(c.id, at('2026-03-29T21:59:59Z'), mine); // 23:59:59 on the 29th
    await planned(c.id, at('2026-03-29T22:00:00Z'), mine); // 00:00 on the 30th
    await planned(c.id, at('2026-03-29T12:00:00Z'), { ...mine, status: 'cancelled' });
    await planned(c.id, at('2026-03-29T09:00:00Z'), { technicianId: otherTech.id });
    const day = await listTechnicianDay(getDb(), { technicianId: tech.id!, date: '2026-03-29', limit: 20 });
    expect(day.date).toBe('2026-03-29');
    expect(day.data.map((d) => d.id)).toEqual([first.id, noon.id, last.id]);
    expect(day.data[0].customer).toMatchObject({ id: c.id, name: expect.stringContaining('Journée') });
    expect(day.nextCursor).toBeNull();
    // Keyset pages of one.
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await listTechnicianDay(getDb(), { technicianId: tech.id!, date: '2026-03-29', limit: 1, cursor });
      seen.push(...page.data.map((d) => d.id));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(seen).toEqual([first.id, noon.id, last.id]);
    // A cursor of another day's list is refused.
    const other = await listTechnicianDay(getDb(), { technicianId: tech.id!, date: '2026-03-29', limit: 1 });
    const error = await listTechnicianDay(getDb(), {
      technicianId: tech.id!,
      date: '2026-03-30',
      limit: 1,
      cursor: other.nextCursor!,
    }).catch((e: AppError) => e);
    expect(error).toMatchObject({ status: 400 });
  });

  it("technician=me is the signed-in user; another technician's day is for managers only", async () => {
    expect(technicianForDay(tech, 'me')).toBe(tech.id);
    const manager = actorFor(await createUser('manager'));
    expect(technicianForDay(manager, tech.id!)).toBe(tech.id);
    expect(() => technicianForDay(otherTech, tech.id!)).toThrow(expect.objectContaining({ status: 403 }));
    const token: Actor = {
      kind: 'token',
      id: '00000000-0000-4000-8000-00000000000a',
      name: 'erp',
      role: 'technician',
    };
    expect(() => technicianForDay(token, 'me')).toThrow(expect.objectContaining({ status: 400 }));
  });

  it('a winter day is 24 hours from 23:00 UTC', async () => {
    const c = await createCustomer();
    const mine = { technicianId: otherTech.id! };
    const inside = await planned(c.id, at('2026-01-14T23:00:00Z'), mine);
    await planned(c.id, at('2026-01-15T23:00:00Z'), mine);
    const day = await listTechnicianDay(getDb(), { technicianId: otherTech.id!, date: '2026-01-15', limit: 20 });
    expect(day.data.map((d) => d.id)).toEqual([inside.id]);
  });

  it("the planning lists every technician's interventions for a day or a week", async () => {
    const c = await createCustomer();
    const a = await planned(c.id, at('2026-05-04T07:00:00Z'), { technicianId: tech.id });
    const b = await planned(c.id, at('2026-05-04T08:00:00Z'), { technicianId: otherTech.id });
    const later = await planned(c.id, at('2026-05-08T08:00:00Z'), { technicianId: otherTech.id });
    const dayPlan = await listPlanning(getDb(), planningQuerySchema.parse({ date: '2026-05-04' }));
    expect(dayPlan.data.map((d) => d.id)).toEqual([a.id, b.id]);
    expect(dayPlan.data.map((d) => d.technician?.name)).toEqual(['Karim Benali', 'Léa Petit']);
    const week = await listPlanning(getDb(), planningQuerySchema.parse({ date: '2026-05-04', span: 'week' }));
    expect(week.data.map((d) => d.id)).toEqual([a.id, b.id, later.id]);
    const one = await listPlanning(
      getDb(),
      planningQuerySchema.parse({ date: '2026-05-04', span: 'week', technicianId: otherTech.id }),
    );
    expect(one.data.map((d) => d.id)).toEqual([b.id, later.id]);
  });
});

describe("a customer's interventions", () => {
  it('upcoming soonest first, past latest first, status filter, keyset pages; the next planned one', async () => {
    const c = await createCustomer();
    const now = Date.now();
    const day = 86_400_000;
    const soon = await planned(c.id, new Date(now + 2 * day));
    const later = await planned(c.id, new Date(now + 9 * day));
    const overdue = await planned(c.id, new Date(now - 3 * day));
    const done = await insertIntervention(c.id, { status: 'done', completedAt: new Date(now - 10 * day) });
    const invoiced = await insertIntervention(c.id, { status: 'invoiced', completedAt: new Date(now - 40 * day) });
    const cancelled = await insertIntervention(c.id, {
      status: 'cancelled',
      completedAt: null,
      scheduledAt: new Date(now - 5 * day),
    });
    const list = (q: Record<string, unknown>) =>
      listCustomerInterventions(getDb(), c.id, interventionListQuerySchema.parse(q));
    expect((await list({ scope: 'upcoming' })).data.map((d) => d.id)).toEqual([overdue.id, soon.id, later.id]);
    expect((await list({ scope: 'past' })).data.map((d) => d.id)).toEqual([cancelled.id, done.id, invoiced.id]);
    expect((await list({ scope: 'past', status: 'done' })).data.map((d) => d.id)).toEqual([done.id]);
    expect((await list({ scope: 'upcoming', status: ['done'] })).data).toEqual([]);
    const all: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await list({ scope: 'all', limit: '2', cursor });
      all.push(...page.data.map((d) => d.id));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(all).toEqual([later.id, soon.id, overdue.id, cancelled.id, done.id, invoiced.id]);
    const mixed = await list({ scope: 'upcoming', limit: '1' });
    await expect(list({ scope: 'past', cursor: mixed.nextCursor })).rejects.toMatchObject({ status: 400 });
    // The 360 summary: the next one from today on (an overdue one from another day is not "next").
    expect((await getNextPlannedIntervention(getDb(), c.id))?.id).toBe(soon.id);
    await expect(
      listCustomerInterventions(getDb(), '00000000-0000-4000-8000-000000000000', interventionListQuerySchema.parse({})),
    ).rejects.toMatchObject({ status: 404 });
  });
});

describe('vehicle follow-up', () => {
  const TODAY = '2026-02-13';

  it('contrôle technique: 4 years after first registration, then 2 years after the last one (Paris dates)', async () => {
    const c = await createCustomer({ lastName: 'Suivi' });
    const first = await createVehicle(c.id, { plate: 'AA-001-AA', firstRegistrationDate: '2022-03-15' });
    const leap = await createVehicle(c.id, { plate: 'AA-002-AA', firstRegistrationDate: '2020-02-29' });
    const afterCt = await createVehicle(c.id, { plate: 'AA-003-AA', firstRegistrationDate: '2015-05-01' });
    const ctOnLeapDay = await createVehicle(c.id, { plate: 'AA-004-AA', firstRegistrationDate: '2016-01-10' });
    const unknown = await createVehicle(c.id, { plate: 'AA-005-AA' });
    // 30 June 22:30 UTC is already 1 July in Paris: the next contrôle is due 1 July 2026.
    await insertIntervention(c.id, {
      vehicleId: afterCt.id,
      kind: 'inspection',
      status: 'done',
      completedAt: at('2024-06-30T22:30:00Z'),
    });
    // A cancelled or planned contrôle does not count.
    await insertIntervention(c.id, {
      vehicleId: afterCt.id,
      kind: 'inspection',
      status: 'cancelled',
      completedAt: at('2025-06-01T10:00:00Z'),
    });
    await insertIntervention(c.id, {
      vehicleId: ctOnLeapDay.id,
      kind: 'inspection',
      status: 'invoiced',
      completedAt: at('2024-02-29T09:00:00Z'),
    });
    const rows = await listVehicleFollowUps(getDb(), c.id, { today: TODAY });
    const byId = new Map(rows.map((r) => [r.vehicleId, r]));
    expect(byId.get(first.id)).toMatchObject({
      nextInspectionDue: '2026-03-15',
      inspectionBasis: 'first-registration',
    });
    expect(byId.get(leap.id)).toMatchObject({ nextInspectionDue: '2024-02-29' });
    expect(byId.get(afterCt.id)).toMatchObject({
      lastInspectionDate: '2024-07-01',
      nextInspectionDue: '2026-07-01',
      inspectionBasis: 'last-inspection',
    });
    expect(byId.get(ctOnLeapDay.id)).toMatchObject({
      lastInspectionDate: '2024-02-29',
      nextInspectionDue: '2026-02-28',
    });
    expect(byId.get(unknown.id)).toMatchObject({
      nextInspectionDue: null,
      inspectionBasis: null,
      nextServiceDue: null,
    });
  });

  it('service: last entretien + 12 months or + 15 000 km (due at once when the mileage is reached)', async () => {
    const c = await createCustomer();
    const byDate = await createVehicle(c.id, { plate: 'BB-001-BB', mileage: 42_000 });
    const byKm = await createVehicle(c.id, { plate: 'BB-002-BB', mileage: 56_000 });
    await insertIntervention(c.id, {
      vehicleId: byDate.id,
      kind: 'maintenance',
      status: 'done',
      completedAt: at('2025-03-10T09:00:00Z'),
      odometerKm: 40_000,
    });
    await insertIntervention(c.id, {
      vehicleId: byDate.id,
      kind: 'maintenance',
      status: 'done',
      completedAt: at('2024-03-10T09:00:00Z'),
      odometerKm: 30_000,
    });
    await insertIntervention(c.id, {
      vehicleId: byKm.id,
      kind: 'maintenance',
      status: 'invoiced',
      completedAt: at('2025-11-02T09:00:00Z'),
      odometerKm: 41_000,
    });
    const rows = await listVehicleFollowUps(getDb(), c.id, { today: TODAY });
    expect(rows.find((r) => r.vehicleId === byDate.id)).toMatchObject({
      lastServiceDate: '2025-03-10',
      lastServiceKm: 40_000,
      nextServiceDue: '2026-03-10',
      nextServiceKm: 55_000,
      serviceDueByKm: false,
    });
    expect(rows.find((r) => r.vehicleId === byKm.id)).toMatchObject({
      nextServiceDue: '2026-11-02',
      serviceDueByKm: true,
    });
  });

  it('"à relancer": due within N days (boundary included), overdue first, booked vehicles left out, keyset', async () => {
    const c = await createCustomer({ lastName: 'Relance' });
    // Due exactly 30 days after TODAY (2026-03-15).
    const boundary = await createVehicle(c.id, { plate: 'CC-001-CC', firstRegistrationDate: '2022-03-15' });
    const overdue = await createVehicle(c.id, { plate: 'CC-002-CC', firstRegistrationDate: '2020-02-29' });
    const byKm = await createVehicle(c.id, { plate: 'CC-003-CC', mileage: 60_000 });
    await insertIntervention(c.id, {
      vehicleId: byKm.id,
      kind: 'maintenance',
      status: 'done',
      completedAt: at('2025-12-01T09:00:00Z'),
      odometerKm: 44_000,
    });
    const booked = await createVehicle(c.id, { plate: 'CC-004-CC', firstRegistrationDate: '2021-01-01' });
    await planned(c.id, at('2026-02-20T09:00:00Z'), { vehicleId: booked.id, kind: 'inspection' });
    const archived = await createCustomer({ archivedAt: new Date() });
    const hidden = await createVehicle(archived.id, { plate: 'CC-005-CC', firstRegistrationDate: '2020-01-01' });
    const mineOf = (ids: string[]) =>
      ids.filter((id) => [boundary.id, overdue.id, byKm.id, booked.id, hidden.id].includes(id));

    const within30 = await listDueVehicles(getDb(), { days: 30, limit: 100, today: TODAY });
    expect(within30.until).toBe('2026-03-15');
    expect(mineOf(within30.data.map((d) => d.vehicleId))).toEqual([overdue.id, byKm.id, boundary.id]);
    const row = within30.data.find((d) => d.vehicleId === byKm.id)!;
    expect(row).toMatchObject({ dueDate: TODAY, reasons: ['service'], customer: { id: c.id } });
    expect(within30.data.find((d) => d.vehicleId === boundary.id)).toMatchObject({
      dueDate: '2026-03-15',
      reasons: ['inspection'],
    });

    const within29 = await listDueVehicles(getDb(), { days: 29, limit: 100, today: TODAY });
    expect(mineOf(within29.data.map((d) => d.vehicleId))).toEqual([overdue.id, byKm.id]);

    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await listDueVehicles(getDb(), { days: 30, limit: 1, cursor, today: TODAY });
      seen.push(...page.data.map((d) => d.vehicleId));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(seen).toEqual(within30.data.map((d) => d.vehicleId));
  });
});
