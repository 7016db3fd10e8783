import { and, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { getDb } from '@/db';
import { customerActivity, customers } from '@/db/schema';
import { GET as LIST, POST as CREATE } from '@/app/api/customers/[id]/activities/route';
import { DELETE, PATCH } from '@/app/api/customers/[id]/activities/[activityId]/route';
import type { Actor } from '@/lib/auth/actor';
import { ACTIVITY_EDIT_WINDOW_MS } from '@/lib/auth/permissions';
import { createManualActivity } from '@/lib/activity/mutations';
import { createNote } from '@/lib/notes/mutations';
import { actorFor, bearersByRole, createCustomer, createUser } from '../factories';
import { call } from '../factories/http';

const session = vi.hoisted(() => ({ actor: null as null | Record<string, unknown> }));
vi.mock('@/lib/auth/session', async () =>
  (await import('@/tests/factories/session-mock')).sessionMock(() => session.actor),
);
vi.mock('next/cache', () => ({ revalidatePath: () => {} }));
const { correctActivityAction, deleteActivityAction } = await import('@/lib/activity/actions');

let auth: Awaited<ReturnType<typeof bearersByRole>>;
let technician: Actor;
let otherTechnician: Actor;
beforeAll(async () => {
  auth = await bearersByRole();
  technician = actorFor(await createUser('technician'));
  otherTechnician = actorFor(await createUser('technician'));
});

const db = () => getDb();
const patch = (customerId: string, activityId: string, body: unknown, who: string) =>
  call(PATCH, { method: 'PATCH', params: { id: customerId, activityId }, auth: who, body });
const remove = (customerId: string, activityId: string, who: string) =>
  call(DELETE, { method: 'DELETE', params: { id: customerId, activityId }, auth: who });
const rows = (customerId: string) =>
  db().select().from(customerActivity).where(eq(customerActivity.customerId, customerId));
const one = async (id: string) => (await db().select().from(customerActivity).where(eq(customerActivity.id, id)))[0];
/** Moves an entry's writing time back (the 24-hour window counts from `created_at`). */
const writtenAgo = (id: string, ms: number) =>
  db()
    .update(customerActivity)
    .set({ createdAt: new Date(Date.now() - ms) })
    .where(eq(customerActivity.id, id));

/** A manual entry written through the API by the technician token. */
async function tokenEntry(customerId: string) {
  const res = await call(CREATE, {
    method: 'POST',
    params: { id: customerId },
    auth: auth.technician,
    body: { type: 'call', title: 'Appel devis', description: 'Rappeler lundi.', metadata: { amountCents: 4200 } },
  });
  expect(res.status).toBe(201);
  return res.body.id as string;
}

describe('correcting a manual activity', () => {
  it('the author corrects it: the row changes, edited_at is set, « Activité corrigée » keeps the previous text', async () => {
    const c = await createCustomer();
    const id = await tokenEntry(c.id);
    const res = await patch(c.id, id, { type: 'visit', title: 'Visite devis', description: null }, auth.technician);
    expect(res.status, res.text).toBe(200);
    expect(res.body).toMatchObject({ id, type: 'visit', title: 'Visite devis', description: null });
    expect(res.body.editedAt).toEqual(expect.any(String));
    const trace = (await rows(c.id)).find((r) => r.relatedType === 'activity');
    expect(trace).toMatchObject({ type: 'system', title: 'Activité corrigée : Visite devis', relatedId: id });
    expect(trace!.metadata.correctedEntry).toMatchObject({
      type: 'call',
      title: 'Appel devis',
      description: 'Rappeler lundi.',
    });
    // The manual entry keeps its metadata; the trace entry is the application's and stays immutable.
    expect((await one(id)).metadata).toMatchObject({ manual: true, amountCents: 4200 });
    const locked = await patch(c.id, trace!.id, { title: 'x' }, auth.admin);
    expect(locked.status).toBe(409);
    expect(locked.body.error.message).toMatch(/enregistrée par l’application/);
    expect((await remove(c.id, trace!.id, auth.admin)).status).toBe(409);
  });

  it('24-hour window for the author; managers and admins at any time; other technicians and viewers never', async () => {
    const c = await createCustomer();
    const id = await tokenEntry(c.id);
    await writtenAgo(id, ACTIVITY_EDIT_WINDOW_MS - 60_000);
    expect((await patch(c.id, id, { title: 'Dans le délai' }, auth.technician)).status).toBe(200);
    await writtenAgo(id, ACTIVITY_EDIT_WINDOW_MS + 60_000);
    const late = await patch(c.id, id, { title: 'Trop tard' }, auth.technician);
    expect(late.status).toBe(403);
    expect(late.body.error.message).toMatch(/délai de 24 heures/);
    expect((await remove(c.id, id, auth.technician)).status).toBe(403);
    expect((await one(id)).title).toBe('Dans le délai');
    // The list tells the caller what its menu may offer.
    const list = await call(LIST, { params: { id: c.id }, auth: auth.technician });
    expect(list.body.data.find((a: { id: string }) => a.id === id).canEdit).toBe(false);
    const asManager = await call(LIST, { params: { id: c.id }, auth: auth.manager });
    expect(asManager.body.data.find((a: { id: string }) => a.id === id).canEdit).toBe(true);
    expect((await patch(c.id, id, { title: 'Corrigé par le responsable' }, auth.manager)).status).toBe(200);
    expect((await patch(c.id, id, { title: 'Lecture seule' }, auth.viewer)).status).toBe(403);
    // Another technician (a user, in the form) may not touch it, even fresh.
    const fresh = await createManualActivity(db(), technician, c.id, { type: 'note', title: 'Note du technicien' });
    session.actor = otherTechnician as never;
    const fd = new FormData();
    fd.set('type', 'note');
    fd.set('title', 'Pas la mienne');
    const refused = await correctActivityAction(c.id, fresh.id, { ok: false, message: '' }, fd);
    expect(refused).toMatchObject({ ok: false });
    expect(refused.message).toMatch(/Seul l’auteur/);
    session.actor = technician as never;
    const ok = await correctActivityAction(c.id, fresh.id, { ok: false, message: '' }, fd);
    expect(ok).toMatchObject({ ok: true, message: 'Activité corrigée.', data: { title: 'Pas la mienne' } });
    expect((await remove(c.id, id, auth.admin)).status).toBe(204);
  });

  it('entries written by the application (a note, an invoice…) are immutable: 409, nothing written', async () => {
    const c = await createCustomer();
    const manager = actorFor(await createUser('manager'));
    await createNote(db(), manager, c.id, { body: 'Portail code 1234', pinned: false } as never);
    const [noteRow] = await rows(c.id);
    expect(noteRow.type).toBe('note');
    const before = await rows(c.id);
    const res = await patch(c.id, noteRow.id, { title: 'Réécrit' }, auth.admin);
    expect(res.status).toBe(409);
    expect((await remove(c.id, noteRow.id, auth.admin)).status).toBe(409);
    expect(await rows(c.id)).toEqual(before);
  });

  it('bad input → 422, nothing written; another customer’s entry → 404; an erased customer → 409', async () => {
    const c = await createCustomer();
    const id = await tokenEntry(c.id);
    const before = await rows(c.id);
    for (const body of [{}, { title: '' }, { type: 'invoice' }, { occurredAt: '2999-01-01T00:00:00Z' }, { x: 1 }]) {
      expect((await patch(c.id, id, body, auth.manager)).status, JSON.stringify(body)).toBe(422);
    }
    expect(await rows(c.id)).toEqual(before);
    const other = await createCustomer();
    expect((await patch(other.id, id, { title: 'Ailleurs' }, auth.manager)).status).toBe(404);
    expect((await remove(other.id, id, auth.manager)).status).toBe(404);
    expect((await patch(c.id, '00000000-0000-4000-8000-000000000000', { title: 'x' }, auth.manager)).status).toBe(404);
    await db().update(customers).set({ erasedAt: new Date() }).where(eq(customers.id, c.id));
    expect((await patch(c.id, id, { title: 'Effacé' }, auth.manager)).status).toBe(409);
    expect((await remove(c.id, id, auth.manager)).status).toBe(409);
    expect(await rows(c.id)).toEqual(before);
  });
});

describe('deleting a manual activity', () => {
  it('removes the row and writes « Activité supprimée » with its whole content (money keys kept apart)', async () => {
    const c = await createCustomer();
    const id = await tokenEntry(c.id);
    expect((await remove(c.id, id, auth.technician)).status).toBe(204);
    expect(await one(id)).toBeUndefined();
    const [trace] = await db()
      .select()
      .from(customerActivity)
      .where(and(eq(customerActivity.customerId, c.id), eq(customerActivity.relatedId, id)));
    expect(trace).toMatchObject({ type: 'system', title: 'Activité supprimée : Appel devis', relatedType: 'activity' });
    expect(trace.metadata).toMatchObject({
      amountCents: 4200,
      deletedEntry: { type: 'call', title: 'Appel devis', description: 'Rappeler lundi.' },
      deletedMetadata: { manual: true },
    });
    // Without finance.read the amount is not returned (the visibility rule strips top-level money keys).
    const asTech = await call(LIST, { params: { id: c.id }, auth: auth.technician });
    const seen = asTech.body.data.find((a: { id: string }) => a.id === trace.id);
    expect(seen.metadata.amountCents).toBeUndefined();
    expect(seen.metadata.deletedEntry.title).toBe('Appel devis');
  });

  it('the delete action: the author within the window, via the form pipeline', async () => {
    const c = await createCustomer();
    const entry = await createManualActivity(db(), technician, c.id, { type: 'visit', title: 'Passage' });
    session.actor = otherTechnician as never;
    expect((await deleteActivityAction(c.id, entry.id, { ok: false, message: '' }, new FormData())).ok).toBe(false);
    expect(await one(entry.id)).toBeDefined();
    session.actor = technician as never;
    expect(await deleteActivityAction(c.id, entry.id, { ok: false, message: '' }, new FormData())).toMatchObject({
      ok: true,
      message: 'Activité supprimée.',
    });
    expect(await one(entry.id)).toBeUndefined();
  });
});
