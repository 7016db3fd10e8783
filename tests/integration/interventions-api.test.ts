import { eq } from 'drizzle-orm';
import { encode } from 'next-auth/jwt';
import { beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '@/db';
import { customerDocuments, interventions, invoices, vehicles } from '@/db/schema';
import { authSecret } from '@/lib/env';
import * as documentsRoute from '@/app/api/customers/[id]/documents/route';
import * as listRoute from '@/app/api/customers/[id]/interventions/route';
import * as itemRoute from '@/app/api/customers/[id]/interventions/[interventionId]/route';
import * as startRoute from '@/app/api/customers/[id]/interventions/[interventionId]/start/route';
import * as completeRoute from '@/app/api/customers/[id]/interventions/[interventionId]/complete/route';
import * as cancelRoute from '@/app/api/customers/[id]/interventions/[interventionId]/cancel/route';
import * as invoiceRoute from '@/app/api/customers/[id]/interventions/[interventionId]/invoice/route';
import * as dayRoute from '@/app/api/interventions/route';
import { createBearer, createCustomer, createUser, createVehicle } from '../factories';
import { samples } from '../factories/documents';
import { call, type CallOptions } from '../factories/http';

/**
 * The interventions API through its real route handlers (authentication, definitions, JSON errors):
 * the life cycle over HTTP, the technician's own assignments (a signed-in technician, by session
 * cookie), ownership of child ids, server-side amounts, the odometer rule and PATCH concurrency.
 */
const COOKIE = 'authjs.session-token';
type Handler = Parameters<typeof call>[0];

let manager: string;
let viewer: string;
let techToken: string;
let techCookie: string;
let otherTechCookie: string;
let techId: string;
let otherTechId: string;
let customer: { id: string };
let other: { id: string };
let vehicle: { id: string };

async function sessionCookie(userId: string) {
  return `${COOKIE}=${await encode({ token: { uid: userId }, secret: authSecret(), salt: COOKIE })}`;
}

/** A call as a bearer (`auth`) or as a signed-in browser (`cookie`, with the same-origin header browsers add). */
function send(handler: Handler, opts: CallOptions & { cookie?: string }) {
  const { cookie, ...rest } = opts;
  return call(handler, {
    ...rest,
    headers: cookie ? { cookie, 'sec-fetch-site': 'same-origin', ...rest.headers } : rest.headers,
  });
}

const path = (customerId: string, id?: string, action?: string) =>
  `/api/customers/${customerId}/interventions${id ? `/${id}` : ''}${action ? `/${action}` : ''}`;

async function plan(body: Record<string, unknown> = {}, customerId = customer.id) {
  const res = await call(listRoute.POST, {
    method: 'POST',
    path: path(customerId),
    params: { id: customerId },
    auth: manager,
    body: {
      kind: 'maintenance',
      scheduledAt: '2026-03-12T09:30',
      vehicleId: customerId === customer.id ? vehicle.id : undefined,
      technicianId: techId,
      ...body,
    },
  });
  expect(res.status, res.text).toBe(201);
  return res.body as { id: string; updatedAt: string; status: string; totalHtCents: number; totalTtcCents: number };
}

function action(handler: Handler, name: string, id: string, opts: CallOptions & { cookie?: string } = {}) {
  return send(handler, {
    method: 'POST',
    path: path(customer.id, id, name),
    params: { id: customer.id, interventionId: id },
    ...opts,
  });
}

beforeAll(async () => {
  manager = (await createBearer('manager')).authorization;
  viewer = (await createBearer('viewer')).authorization;
  techToken = (await createBearer('technician')).authorization;
  const tech = await createUser('technician', { name: 'Karim Benali' });
  techId = tech.id;
  techCookie = await sessionCookie(tech.id);
  otherTechId = (await createUser('technician', { name: 'Léa Petit' })).id;
  otherTechCookie = await sessionCookie(otherTechId);
  customer = await createCustomer();
  other = await createCustomer();
  vehicle = await createVehicle(customer.id, { mileage: 45_000 });
});

describe('life cycle over HTTP', () => {
  it('plan → start → report → complete → invoice; totals computed by the server, client totals ignored', async () => {
    const iv = await plan({
      totalHtCents: 1,
      totalTtcCents: 2,
      lines: [{ label: 'Main-d’œuvre', quantity: '1,5', unitPriceHtCents: 6500, vatRateBp: 2000, totalHtCents: 1 }],
    });
    expect(iv.status).toBe('planned');
    expect([iv.totalHtCents, iv.totalTtcCents]).toEqual([9750, 11700]);

    const started = await action(startRoute.POST, 'start', iv.id, { cookie: techCookie });
    expect(started.status, started.text).toBe(200);
    expect(started.body.status).toBe('in_progress');

    const report = await send(itemRoute.PATCH, {
      method: 'PATCH',
      path: path(customer.id, iv.id),
      params: { id: customer.id, interventionId: iv.id },
      cookie: techCookie,
      body: {
        updatedAt: started.body.updatedAt,
        workDone: 'Vidange, filtres',
        odometerKm: 46_000,
        totalHtCents: 5,
        lines: [
          { label: 'Main-d’œuvre', quantity: 1.5, unitPriceHtCents: 6500, vatRateBp: 2000 },
          { label: 'Filtre à huile', quantity: 1, unitPriceHtCents: 0, vatRateBp: 2000 },
        ],
      },
    });
    expect(report.status, report.text).toBe(200);
    expect(report.body.totalHtCents).toBe(9750);
    const [v] = await getDb().select().from(vehicles).where(eq(vehicles.id, vehicle.id));
    expect(v.mileage).toBe(46_000);

    const done = await action(completeRoute.POST, 'complete', iv.id, { cookie: techCookie });
    expect(done.status, done.text).toBe(200);
    expect(done.body.status).toBe('done');
    expect(done.body.reportDocumentId).toMatch(/^[0-9a-f-]{36}$/);

    const billed = await action(invoiceRoute.POST, 'invoice', iv.id, {
      auth: manager,
      body: { totalHtCents: 1, vatCents: 0, totalTtcCents: 1 },
    });
    expect(billed.status, billed.text).toBe(201);
    expect(billed.body.intervention.status).toBe('invoiced');
    const [invoice] = await getDb().select().from(invoices).where(eq(invoices.id, billed.body.invoice.id));
    expect([invoice.totalHtCents, invoice.vatCents, invoice.totalTtcCents]).toEqual([9750, 1950, 11700]);
    expect(invoice.interventionId).toBe(iv.id);

    const detail = await call(itemRoute.GET, {
      path: path(customer.id, iv.id),
      params: { id: customer.id, interventionId: iv.id },
      auth: viewer,
    });
    expect(detail.status).toBe(200);
    expect(detail.body.invoiceNumber).toBe(invoice.number);
    expect(detail.body.lines).toHaveLength(2);
  });

  it('illegal transitions are 409 with the reason, and change nothing', async () => {
    const iv = await plan();
    const complete = await action(completeRoute.POST, 'complete', iv.id, { auth: manager, body: { workDone: 'x' } });
    expect(complete.status).toBe(409);
    expect(complete.body.error).toMatchObject({
      code: 'conflict',
      message: 'Intervention non démarrée : démarrez-la avant de la terminer.',
    });
    const invoice = await action(invoiceRoute.POST, 'invoice', iv.id, { auth: manager });
    expect(invoice.status).toBe(409);
    expect(invoice.body.error.message).toBe('Intervention non terminée : terminez-la avant de la facturer.');
    const cancelled = await action(cancelRoute.POST, 'cancel', iv.id, {
      auth: manager,
      body: { reason: 'Client absent' },
    });
    expect(cancelled.status, cancelled.text).toBe(200);
    expect(cancelled.body.cancelReason).toBe('Client absent');
    const start = await action(startRoute.POST, 'start', iv.id, { auth: manager });
    expect(start.status).toBe(409);
    expect(start.body.error.message).toBe('Intervention annulée : elle ne peut pas être démarrée.');
    const [row] = await getDb().select().from(interventions).where(eq(interventions.id, iv.id));
    expect(row.status).toBe('cancelled');
    expect(row.startedAt).toBeNull();
  });

  it('"Terminer" without a report is a 422 naming the fields', async () => {
    const iv = await plan();
    await action(startRoute.POST, 'start', iv.id, { cookie: techCookie });
    const res = await action(completeRoute.POST, 'complete', iv.id, { cookie: techCookie });
    expect(res.status).toBe(422);
    expect(Object.keys(res.body.error.fields).sort()).toEqual(['lines', 'workDone']);
  });
});

describe('roles', () => {
  it('a technician starts and completes only their own assignments (403 otherwise, also for a token)', async () => {
    const iv = await plan();
    for (const who of [{ cookie: otherTechCookie }, { auth: techToken }]) {
      const res = await action(startRoute.POST, 'start', iv.id, who);
      expect(res.status).toBe(403);
      expect(res.body.error.code).toBe('forbidden');
    }
    const [row] = await getDb().select().from(interventions).where(eq(interventions.id, iv.id));
    expect(row.status).toBe('planned');
    expect((await action(startRoute.POST, 'start', iv.id, { cookie: techCookie })).status).toBe(200);
    const complete = await action(completeRoute.POST, 'complete', iv.id, {
      cookie: otherTechCookie,
      body: { workDone: 'x', noCharge: true },
    });
    expect(complete.status).toBe(403);
  });

  it('a write sent after the intervention was reassigned away from its technician is a 409 saying so', async () => {
    const iv = await plan();
    const moved = await call(itemRoute.PATCH, {
      method: 'PATCH',
      path: path(customer.id, iv.id),
      params: { id: customer.id, interventionId: iv.id },
      auth: manager,
      body: { technicianId: otherTechId, updatedAt: iv.updatedAt },
    });
    expect(moved.status, moved.text).toBe(200);
    const late = await action(startRoute.POST, 'start', iv.id, { cookie: techCookie });
    expect(late.status).toBe(409);
    expect(late.body.error).toMatchObject({
      code: 'conflict',
      message: expect.stringMatching(/^Intervention réassignée/),
    });
    const [row] = await getDb().select().from(interventions).where(eq(interventions.id, iv.id));
    expect(row.status).toBe('planned');
    // Never theirs: still a 403.
    const never = await plan({ technicianId: otherTechId });
    expect((await action(startRoute.POST, 'start', never.id, { cookie: techCookie })).status).toBe(403);
  });

  it('technicians plan, cancel and invoice nothing; viewers only read', async () => {
    const iv = await plan();
    const asTech = await send(listRoute.POST, {
      method: 'POST',
      path: path(customer.id),
      params: { id: customer.id },
      cookie: techCookie,
      body: { kind: 'repair', scheduledAt: '2026-03-13T10:00' },
    });
    expect(asTech.status).toBe(403);
    expect(
      (await action(cancelRoute.POST, 'cancel', iv.id, { cookie: techCookie, body: { reason: 'Absent' } })).status,
    ).toBe(403);
    expect((await action(invoiceRoute.POST, 'invoice', iv.id, { cookie: techCookie })).status).toBe(403);
    expect((await action(startRoute.POST, 'start', iv.id, { auth: viewer })).status).toBe(403);
    const list = await call(listRoute.GET, { path: path(customer.id), params: { id: customer.id }, auth: viewer });
    expect(list.status).toBe(200);
  });

  it("GET /api/interventions: technician=me is the signed-in user's day; another technician's day is for managers", async () => {
    const iv = await plan({ scheduledAt: '2026-03-29T01:30' });
    const mine = await send(dayRoute.GET, {
      path: '/api/interventions',
      query: { date: '2026-03-29' },
      cookie: techCookie,
    });
    expect(mine.status, mine.text).toBe(200);
    expect(mine.body.date).toBe('2026-03-29');
    expect(mine.body.data.map((r: { id: string }) => r.id)).toEqual([iv.id]);
    expect(mine.body.data[0].customer.id).toBe(customer.id);
    const theirs = await send(dayRoute.GET, {
      path: '/api/interventions',
      query: { technician: techId, date: '2026-03-29' },
      cookie: otherTechCookie,
    });
    expect(theirs.status).toBe(403);
    const token = await call(dayRoute.GET, {
      path: '/api/interventions',
      query: { date: '2026-03-29' },
      auth: manager,
    });
    expect(token.status).toBe(400);
    const planning = await call(dayRoute.GET, {
      path: '/api/interventions',
      query: { technician: techId, date: '2026-03-29' },
      auth: manager,
    });
    expect(planning.body.data).toHaveLength(1);
    const bad = await call(dayRoute.GET, { path: '/api/interventions', query: { date: '2026-02-30' }, auth: manager });
    expect(bad.status).toBe(422);
  });
});

describe('ownership', () => {
  it("another customer's intervention id is a 404 on every route, the upload included; nothing changes", async () => {
    const foreign = await plan({}, other.id);
    const params = { id: customer.id, interventionId: foreign.id };
    const p = path(customer.id, foreign.id);
    const results = [
      await call(itemRoute.GET, { path: p, params, auth: manager }),
      await call(itemRoute.PATCH, {
        method: 'PATCH',
        path: p,
        params,
        auth: manager,
        body: { durationMinutes: 90, updatedAt: foreign.updatedAt },
      }),
      await call(startRoute.POST, { method: 'POST', path: `${p}/start`, params, auth: manager }),
      await call(completeRoute.POST, { method: 'POST', path: `${p}/complete`, params, auth: manager }),
      await call(cancelRoute.POST, {
        method: 'POST',
        path: `${p}/cancel`,
        params,
        auth: manager,
        body: { reason: 'Absent' },
      }),
      await call(invoiceRoute.POST, { method: 'POST', path: `${p}/invoice`, params, auth: manager }),
    ];
    const form = new FormData();
    form.append('file', new Blob([samples.png()], { type: 'image/png' }), 'photo.png');
    form.append('interventionId', foreign.id);
    results.push(
      await call(documentsRoute.POST, {
        method: 'POST',
        path: `/api/customers/${customer.id}/documents`,
        params: { id: customer.id },
        auth: manager,
        rawBody: form,
      }),
    );
    expect(results.map((r) => r.status)).toEqual([404, 404, 404, 404, 404, 404, 404]);
    expect(results.every((r) => r.body.error.code === 'not_found')).toBe(true);
    const [row] = await getDb().select().from(interventions).where(eq(interventions.id, foreign.id));
    expect(row.status).toBe('planned');
    expect(row.durationMinutes).toBe(60);
    const docs = await getDb().select().from(customerDocuments).where(eq(customerDocuments.customerId, customer.id));
    expect(docs.filter((d) => d.originalName === 'photo.png')).toHaveLength(0);
  });

  it('a vehicle of another customer is a 404 when planning', async () => {
    const foreignVehicle = await createVehicle(other.id);
    const res = await call(listRoute.POST, {
      method: 'POST',
      path: path(customer.id),
      params: { id: customer.id },
      auth: manager,
      body: { kind: 'repair', scheduledAt: '2026-03-13T10:00', vehicleId: foreignVehicle.id },
    });
    expect(res.status).toBe(404);
  });
});

describe('photos and signature through the documents upload route', () => {
  it('the assigned technician adds a photo and the signature; another technician gets a 403', async () => {
    const iv = await plan();
    await action(startRoute.POST, 'start', iv.id, { cookie: techCookie });
    const upload = (cookie: string, fields: Record<string, string>) => {
      const form = new FormData();
      form.append('file', new Blob([samples.png()], { type: 'image/png' }), 'capture.png');
      for (const [k, v] of Object.entries(fields)) form.append(k, v);
      return send(documentsRoute.POST, {
        method: 'POST',
        path: `/api/customers/${customer.id}/documents`,
        params: { id: customer.id },
        cookie,
        rawBody: form,
      });
    };
    const photo = await upload(techCookie, { interventionId: iv.id, category: 'photo' });
    expect(photo.status, photo.text).toBe(201);
    expect(photo.body.category).toBe('photo');
    const signature = await upload(techCookie, { interventionId: iv.id, signature: 'true' });
    expect(signature.status, signature.text).toBe(201);
    expect((await upload(otherTechCookie, { interventionId: iv.id })).status).toBe(403);
    expect((await upload(techCookie, { interventionId: iv.id, category: 'invoice' })).status).toBe(422);

    const detail = await call(itemRoute.GET, {
      path: path(customer.id, iv.id),
      params: { id: customer.id, interventionId: iv.id },
      auth: manager,
    });
    expect(detail.body.photos.map((p: { id: string }) => p.id)).toEqual([photo.body.id]);
    expect(detail.body.signatureDocumentId).toBe(signature.body.id);
  });
});

describe('odometer and concurrency', () => {
  it('the odometer never goes backwards for a technician (422); a manager corrects it', async () => {
    await getDb().update(vehicles).set({ mileage: 80_000 }).where(eq(vehicles.id, vehicle.id));
    const iv = await plan();
    const started = await action(startRoute.POST, 'start', iv.id, { cookie: techCookie });
    const patch = (who: { cookie?: string; auth?: string }, updatedAt: string, odometerKm: number) =>
      send(itemRoute.PATCH, {
        method: 'PATCH',
        path: path(customer.id, iv.id),
        params: { id: customer.id, interventionId: iv.id },
        ...who,
        body: { updatedAt, odometerKm },
      });
    const back = await patch({ cookie: techCookie }, started.body.updatedAt, 79_000);
    expect(back.status).toBe(422);
    expect(back.body.error.fields.odometerKm[0]).toMatch(/ne peut pas diminuer/);
    const [before] = await getDb().select().from(vehicles).where(eq(vehicles.id, vehicle.id));
    expect(before.mileage).toBe(80_000);
    const fixed = await patch({ auth: manager }, started.body.updatedAt, 79_000);
    expect(fixed.status, fixed.text).toBe(200);
    const [after] = await getDb().select().from(vehicles).where(eq(vehicles.id, vehicle.id));
    expect(after.mileage).toBe(79_000);
  });

  it('PATCH with a stale updatedAt is a 409; without one a 422', async () => {
    const iv = await plan();
    const p = { path: path(customer.id, iv.id), params: { id: customer.id, interventionId: iv.id } };
    const first = await call(itemRoute.PATCH, {
      method: 'PATCH',
      ...p,
      auth: manager,
      body: { durationMinutes: 90, updatedAt: iv.updatedAt },
    });
    expect(first.status, first.text).toBe(200);
    const stale = await call(itemRoute.PATCH, {
      method: 'PATCH',
      ...p,
      auth: manager,
      body: { durationMinutes: 120, updatedAt: iv.updatedAt },
    });
    expect(stale.status).toBe(409);
    expect(stale.body.error.message).toMatch(/modifiée par quelqu'un d'autre/);
    const none = await call(itemRoute.PATCH, { method: 'PATCH', ...p, auth: manager, body: { durationMinutes: 120 } });
    expect(none.status).toBe(422);
    const [row] = await getDb().select().from(interventions).where(eq(interventions.id, iv.id));
    expect(row.durationMinutes).toBe(90);
  });
});

describe('lists', () => {
  it('keyset pages and the status filter', async () => {
    const c = await createCustomer();
    const ids: string[] = [];
    for (const day of [10, 11, 12])
      ids.push((await plan({ scheduledAt: `2026-04-${day}T09:00`, vehicleId: undefined }, c.id)).id);
    const list = (query: Record<string, string | string[]>) =>
      call(listRoute.GET, { path: path(c.id), params: { id: c.id }, auth: viewer, query });
    const first = await list({ scope: 'upcoming', limit: '2' });
    expect(first.body.data.map((r: { id: string }) => r.id)).toEqual(ids.slice(0, 2));
    const second = await list({ scope: 'upcoming', limit: '2', cursor: first.body.nextCursor });
    expect(second.body.data.map((r: { id: string }) => r.id)).toEqual([ids[2]]);
    expect(second.body.nextCursor).toBeNull();
    expect((await list({ status: 'cancelled' })).body.data).toEqual([]);
    expect((await list({ status: 'nope' })).status).toBe(422);
    expect((await list({ scope: 'past', cursor: first.body.nextCursor })).status).toBe(400);
  });
});
