import { and, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { getDb } from '@/db';
import { customerActivity, customerDocuments, customers } from '@/db/schema';
import { GET as LIST } from '@/app/api/customers/[id]/documents/route';
import { PATCH } from '@/app/api/customers/[id]/documents/[docId]/route';
import type { Actor } from '@/lib/auth/actor';
import { uploadDocument } from '@/lib/documents/mutations';
import { actorFor, bearersByRole, createCustomer, createUser } from '../factories';
import { samples } from '../factories/documents';
import { call } from '../factories/http';

const session = vi.hoisted(() => ({ actor: null as null | Record<string, unknown> }));
vi.mock('@/lib/auth/session', async () =>
  (await import('@/tests/factories/session-mock')).sessionMock(() => session.actor),
);
vi.mock('next/cache', () => ({ revalidatePath: () => {} }));
const { updateDocumentAction } = await import('@/lib/documents/actions');

let auth: Awaited<ReturnType<typeof bearersByRole>>;
let manager: Actor;
let technician: Actor;
beforeAll(async () => {
  auth = await bearersByRole();
  manager = actorFor(await createUser('manager'));
  technician = actorFor(await createUser('technician'));
});

const db = () => getDb();
const put = (owner: Actor, customerId: string, name = 'scan_0001.pdf') =>
  uploadDocument(db(), owner, customerId, {
    body: new Uint8Array(samples.pdf()),
    originalName: name,
    category: 'other',
  });
const patch = (customerId: string, docId: string, body: unknown, who: string) =>
  call(PATCH, { method: 'PATCH', params: { id: customerId, docId }, auth: who, body });
const editRows = (customerId: string) =>
  db()
    .select()
    .from(customerActivity)
    .where(
      and(eq(customerActivity.customerId, customerId), eq(customerActivity.title, 'Document modifié : Devis.pdf')),
    );
const row = async (docId: string) =>
  (await db().select().from(customerDocuments).where(eq(customerDocuments.id, docId)))[0];

describe('PATCH /api/customers/{id}/documents/{docId}', () => {
  it('renames (extension kept), recategorises and restricts, with one activity row listing the changes', async () => {
    const c = await createCustomer();
    const doc = await put(manager, c.id);
    const res = await patch(
      c.id,
      doc.id,
      { originalName: 'Devis', category: 'quote', minRole: 'technician' },
      auth.manager,
    );
    expect(res.status, res.text).toBe(200);
    expect(res.body).toMatchObject({ originalName: 'Devis.pdf', category: 'quote', minRole: 'technician' });
    const [activity] = await editRows(c.id);
    expect(activity).toMatchObject({ type: 'document', relatedType: 'document', relatedId: doc.id });
    expect(activity.metadata.changes).toEqual({
      originalName: { from: 'scan_0001.pdf', to: 'Devis.pdf' },
      category: { from: 'other', to: 'quote' },
      minRole: { from: 'viewer', to: 'technician' },
    });
    // The viewer no longer sees it, in the list or by id.
    const list = await call(LIST, { params: { id: c.id }, auth: auth.viewer });
    expect(list.body.data.map((d: { id: string }) => d.id)).not.toContain(doc.id);
    // The same values again: no write, no second activity row.
    const again = await patch(c.id, doc.id, { originalName: 'Devis.pdf', category: 'quote' }, auth.manager);
    expect(again.status).toBe(200);
    expect(await editRows(c.id)).toHaveLength(1);
  });

  it('a minimum role above the caller’s own → 400 in French, nothing written', async () => {
    const c = await createCustomer();
    const doc = await put(technician, c.id);
    const before = await row(doc.id);
    const res = await patch(c.id, doc.id, { originalName: 'Autre nom', minRole: 'manager' }, auth.technician);
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(/Responsable.*vous ne le verriez plus/);
    expect(res.body.error.fields.minRole).toBeDefined();
    expect(await row(doc.id)).toEqual(before);
    // A manager may go up to « Responsable », not to « Administrateur ».
    expect((await patch(c.id, doc.id, { minRole: 'admin' }, auth.manager)).status).toBe(400);
    expect((await patch(c.id, doc.id, { minRole: 'admin' }, auth.admin)).status).toBe(200);
  });

  it('roles: a technician edits their own uploads only, a viewer nothing; managers anything', async () => {
    const c = await createCustomer();
    const managers = await put(manager, c.id);
    const techTokenDoc = await call(LIST, { params: { id: c.id }, auth: auth.technician });
    expect(techTokenDoc.body.data[0].canEdit).toBe(false);
    const denied = await patch(c.id, managers.id, { category: 'quote' }, auth.technician);
    expect(denied.status).toBe(403);
    expect(denied.body.error.message).toMatch(/documents que vous avez déposés/);
    expect((await patch(c.id, managers.id, { category: 'quote' }, auth.viewer)).status).toBe(403);
    expect((await row(managers.id)).category).toBe('other');
    expect((await patch(c.id, managers.id, { category: 'photo' }, auth.admin)).status).toBe(200);
  });

  it('bad input → 422 with field errors, nothing written', async () => {
    const c = await createCustomer();
    const doc = await put(manager, c.id);
    const before = await row(doc.id);
    for (const body of [{}, { category: 'poster' }, { minRole: 'owner' }, { originalName: '   ' }, { extra: 1 }]) {
      const res = await patch(c.id, doc.id, body, auth.manager);
      expect(res.status, JSON.stringify(body)).toBe(422);
    }
    expect(await row(doc.id)).toEqual(before);
    expect(await editRows(c.id)).toHaveLength(0);
  });

  it('another customer’s document → 404; an erased customer → 409; a deleted document → 404', async () => {
    const a = await createCustomer();
    const b = await createCustomer();
    const doc = await put(manager, a.id);
    expect((await patch(b.id, doc.id, { category: 'quote' }, auth.manager)).status).toBe(404);
    await db().update(customerDocuments).set({ deletedAt: new Date() }).where(eq(customerDocuments.id, doc.id));
    expect((await patch(a.id, doc.id, { category: 'quote' }, auth.manager)).status).toBe(404);
    const c = await createCustomer();
    const live = await put(manager, c.id);
    await db().update(customers).set({ erasedAt: new Date() }).where(eq(customers.id, c.id));
    const erased = await patch(c.id, live.id, { category: 'quote' }, auth.manager);
    expect(erased.status).toBe(409);
    expect((await row(live.id)).category).toBe('other');
  });

  it('the server action: same rules, field errors for the form', async () => {
    const c = await createCustomer();
    const doc = await put(technician, c.id);
    session.actor = technician as never;
    const fd = new FormData();
    fd.set('originalName', 'Carte grise');
    fd.set('category', 'vehicle-registration');
    fd.set('minRole', 'manager');
    const refused = await updateDocumentAction(c.id, doc.id, { ok: false, message: '' }, fd);
    expect(refused.ok).toBe(false);
    expect(refused.fieldErrors?.minRole?.[0]).toMatch(/vous ne le verriez plus/);
    fd.set('minRole', 'technician');
    const ok = await updateDocumentAction(c.id, doc.id, { ok: false, message: '' }, fd);
    expect(ok).toMatchObject({ ok: true, message: 'Document modifié.' });
    expect(await row(doc.id)).toMatchObject({ originalName: 'Carte grise.pdf', category: 'vehicle-registration' });
  });
});
