import { beforeAll, describe, expect, it } from 'vitest';
import { POST as SEND } from '@/app/api/reminders/[vehicleId]/send/route';
import { GET } from '@/app/api/reminders/route';
import { getDb } from '@/db';
import type { Role } from '@/db/schema/auth';
import { listVehicleFollowUps } from '@/lib/interventions/follow-up';
import { addDays, parisToday } from '@/lib/interventions/time';
import { loadDueVehiclesPage, reminderConsents } from '@/lib/reminders/queries';
import { bearersByRole, createCustomer, createVehicle } from '../factories';
import { insertConsentEvent, yearsAgo } from '../factories/consents';
import { emailActivitiesOf, outboxOf } from '../factories/email';
import { insertIntervention } from '../factories/finances';
import { call } from '../factories/http';

/**
 * "À relancer" through the API, with the real "today" (Paris): due dates are built relative to it,
 * so the boundaries are those of the day the suite runs.
 */
let auth: Record<Role, string>;
const today = parisToday();
const day = (n: number) => addDays(today, n);
/** The same calendar day `years` earlier (29 Feb → 28 Feb, as PostgreSQL's `date - interval`). */
function yearsBefore(d: string, years: number): string {
  const [y, m, dd] = d.split('-').map(Number);
  const out = new Date(Date.UTC(y - years, m - 1, dd));
  return out.getUTCMonth() === m - 1 ? out.toISOString().slice(0, 10) : `${y - years}-02-28`;
}
/** Noon in Paris that day: the Paris calendar day whatever the season. */
const noonParis = (d: string) => new Date(`${d}T10:00:00Z`);

const list = (days: number, extra: Record<string, string> = {}, role: Role = 'manager') =>
  call(GET, { path: '/api/reminders', query: { days: String(days), limit: '100', ...extra }, auth: auth[role] });
const send = (vehicleId: string, body: unknown = { days: 90 }, role: Role = 'manager') =>
  call(SEND, { method: 'POST', params: { vehicleId }, auth: auth[role], body });

let v: Record<'ctBoundary' | 'ctAfter' | 'ctEvery2' | 'serviceByDate' | 'serviceByKm' | 'notDue', { id: string }>;
let owner: { id: string };

beforeAll(async () => {
  auth = await bearersByRole();
  owner = await createCustomer({ lastName: 'Relance' });
  const c = owner.id;
  v = {
    // First contrôle: 4 years after the first registration, due exactly on the last day of a 30-day window.
    ctBoundary: await createVehicle(c, { plate: 'RL-001-AA', firstRegistrationDate: yearsBefore(day(30), 4) }),
    ctAfter: await createVehicle(c, { plate: 'RL-002-AA', firstRegistrationDate: yearsBefore(day(31), 4) }),
    // After a contrôle, every 2 years (the first registration no longer counts).
    ctEvery2: await createVehicle(c, { plate: 'RL-003-AA', firstRegistrationDate: '2012-01-05' }),
    serviceByDate: await createVehicle(c, { plate: 'RL-004-AA', mileage: 30_000 }),
    serviceByKm: await createVehicle(c, { plate: 'RL-005-AA', mileage: 60_000 }),
    notDue: await createVehicle(c, { plate: 'RL-006-AA', firstRegistrationDate: yearsBefore(day(200), 4) }),
  };
  await insertIntervention(c, {
    vehicleId: v.ctEvery2.id,
    kind: 'inspection',
    status: 'done',
    completedAt: noonParis(yearsBefore(day(45), 2)),
  });
  // Service: the last entretien + 12 months (SERVICE_INTERVAL_MONTHS), or its odometer + 15 000 km.
  await insertIntervention(c, {
    vehicleId: v.serviceByDate.id,
    kind: 'maintenance',
    status: 'invoiced',
    completedAt: noonParis(yearsBefore(day(75), 1)),
    odometerKm: 25_000,
  });
  await insertIntervention(c, {
    vehicleId: v.serviceByKm.id,
    kind: 'maintenance',
    status: 'done',
    completedAt: noonParis(day(-60)),
    odometerKm: 44_000,
  });
});

describe('GET /api/reminders', () => {
  it('contrôle technique at 4 years then every 2, service from the last entretien; window boundaries included', async () => {
    const mine = new Set(Object.values(v).map((x) => x.id));
    const ids = (body: { data: { vehicleId: string }[] }) =>
      body.data.map((d) => d.vehicleId).filter((id) => mine.has(id));
    const in30 = await list(30);
    expect(in30.status).toBe(200);
    expect(in30.body.until).toBe(day(30));
    expect(ids(in30.body)).toEqual([v.serviceByKm.id, v.ctBoundary.id]);
    expect(in30.body.data[0]).toMatchObject({ dueDate: today, reasons: ['service'], serviceDueByKm: true });
    expect(in30.body.data[1]).toMatchObject({
      dueDate: day(30),
      reasons: ['inspection'],
      nextInspectionDue: day(30),
      customer: { id: owner.id, name: expect.stringContaining('Relance') },
    });

    const in60 = await list(60);
    expect(ids(in60.body)).toEqual([v.serviceByKm.id, v.ctBoundary.id, v.ctAfter.id, v.ctEvery2.id]);
    expect(in60.body.data[2]).toMatchObject({ dueDate: day(31), nextInspectionDue: day(31) });
    expect(in60.body.data[3]).toMatchObject({ dueDate: day(45), nextInspectionDue: day(45), reasons: ['inspection'] });

    const in90 = await list(90);
    expect(ids(in90.body)).toEqual([...ids(in60.body), v.serviceByDate.id]);
    expect(in90.body.data[4]).toMatchObject({ dueDate: day(75), nextServiceDue: day(75), reasons: ['service'] });
    expect(ids(in90.body)).not.toContain(v.notDue.id);

    // The list reads the fleet in one aggregate; the customer's follow-up probes per vehicle: same dates.
    const perVehicle = new Map((await listVehicleFollowUps(getDb(), owner.id)).map((f) => [f.vehicleId, f]));
    for (const row of in90.body.data.filter((d: { customerId: string }) => d.customerId === owner.id)) {
      const { dueDate: _d, reasons: _r, customer: _c, ...followUp } = row;
      expect(followUp).toEqual(JSON.parse(JSON.stringify(perVehicle.get(row.vehicleId))));
    }
  });

  it('keyset pages walk the same rows; a forged cursor is a 400', async () => {
    const all = (await list(90)).body.data.map((d: { vehicleId: string }) => d.vehicleId);
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await list(90, { limit: '2', ...(cursor ? { cursor } : {}) });
      expect(page.status).toBe(200);
      seen.push(...page.body.data.map((d: { vehicleId: string }) => d.vehicleId));
      cursor = page.body.nextCursor ?? undefined;
    } while (cursor);
    expect(seen).toEqual(all);
    expect((await list(90, { cursor: 'bm90LWEtY3Vyc29y' })).status).toBe(400);
  });

  it('managers only; days outside 0–365 is a 422', async () => {
    expect((await list(30, {}, 'technician')).status).toBe(403);
    expect((await list(30, {}, 'viewer')).status).toBe(403);
    expect((await list(30, {}, 'admin')).status).toBe(200);
    expect((await list(400)).status).toBe(422);
  });
});

describe('POST /api/reminders/{vehicleId}/send', () => {
  it('refuses without a prospection consent, with the reason in French, logged as blocked with its activity', async () => {
    const c = await createCustomer();
    const car = await createVehicle(c.id, { firstRegistrationDate: yearsBefore(day(10), 4) });
    const res = await send(car.id);
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('consent_missing');
    expect(res.body.error.message).toMatch(/jamais donné son consentement « Prospection commerciale »/);
    const [row] = await outboxOf(c.id);
    expect(row).toMatchObject({ status: 'blocked', purpose: 'marketing', error: res.body.error.message });
    const [activity] = await emailActivitiesOf(c.id);
    expect(activity).toMatchObject({ relatedType: 'email', relatedId: row.id });
    expect(activity.metadata).toMatchObject({ reminder: true, vehicleId: car.id, status: 'blocked' });

    await insertConsentEvent(c.id, { occurredAt: yearsAgo(1) });
    await insertConsentEvent(c.id, { granted: false, occurredAt: yearsAgo(0.5), source: 'phone' });
    const withdrawn = await send(car.id);
    expect(withdrawn.status).toBe(403);
    expect(withdrawn.body.error.message).toMatch(/a retiré son consentement/);
    expect((await outboxOf(c.id)).filter((r) => r.status !== 'blocked')).toHaveLength(0);
    expect((await reminderConsents(getDb(), [c.id])).get(c.id)).toBe('withdrawn');
  });

  it('a marketing grant without proof (legacy import) does not allow the reminder', async () => {
    const c = await createCustomer();
    const car = await createVehicle(c.id, { firstRegistrationDate: yearsBefore(day(10), 4) });
    await insertConsentEvent(c.id, { source: 'legacy-import', textVersion: null });
    expect((await reminderConsents(getDb(), [c.id])).get(c.id)).toBe('unproven');
    const res = await send(car.id);
    expect(res.status).toBe(403);
    expect(res.body.error.message).toMatch(/n’a pas de preuve/);
    expect((await outboxOf(c.id)).map((r) => r.status)).toEqual(['blocked']);
  });

  it('sends with a proven grant: queued in the outbox, the activity written with it', async () => {
    const c = await createCustomer();
    const car = await createVehicle(c.id, {
      make: 'Peugeot',
      model: '208',
      plate: 'RL-100-ZZ',
      firstRegistrationDate: yearsBefore(day(20), 4),
    });
    await insertConsentEvent(c.id, { source: 'paper-form', textVersion: 'v3' });
    expect((await reminderConsents(getDb(), [c.id])).get(c.id)).toBe('granted');
    const page = await loadDueVehiclesPage({ days: 30, limit: 100, today });
    expect(page.data.find((d) => d.vehicleId === car.id)).toMatchObject({ consent: 'granted', dueDate: day(20) });
    const res = await send(car.id, { days: 30 });
    expect(res.status).toBe(202);
    expect(res.body).toMatchObject({ status: 'queued', customerId: c.id, vehicleId: car.id, reasons: ['inspection'] });
    const [row] = await outboxOf(c.id);
    expect(row).toMatchObject({ id: res.body.id, status: 'queued', purpose: 'marketing' });
    expect(row.subject).toBe('Rappel : contrôle technique de votre Peugeot 208 (RL-100-ZZ)');
    expect(row.body).toContain('Le contrôle technique de votre véhicule est à passer avant le');
    const [activity] = await emailActivitiesOf(c.id);
    expect(activity).toMatchObject({ relatedId: row.id, title: `E-mail mis en file : ${row.subject}` });
    expect(activity.metadata).toMatchObject({ reminder: true, vehicleId: car.id, reasons: ['inspection'] });
  });

  it('nothing due within the window → 409; unknown vehicle or erased customer → 404; managers only', async () => {
    const c = await createCustomer();
    await insertConsentEvent(c.id);
    const later = await createVehicle(c.id, { firstRegistrationDate: yearsBefore(day(120), 4) });
    const none = await createVehicle(c.id);
    expect((await send(later.id, { days: 90 })).status).toBe(409);
    expect((await send(none.id)).status).toBe(409);
    expect((await send(later.id, { days: 120 })).status).toBe(202);
    expect((await send('3f1b1d1e-0000-4000-8000-000000000000')).status).toBe(404);
    const erased = await createCustomer({ erasedAt: new Date() });
    const gone = await createVehicle(erased.id, { firstRegistrationDate: '2015-01-01' });
    expect((await send(gone.id)).status).toBe(404);
    expect((await send(later.id, { days: 120 }, 'technician')).status).toBe(403);
    expect((await send(later.id, { days: 120 }, 'viewer')).status).toBe(403);
  });
});
