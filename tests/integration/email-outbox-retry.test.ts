import { and, asc, count, eq } from 'drizzle-orm';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { getDb } from '@/db';
import { customerActivity, customers, emailOutbox } from '@/db/schema';
import type { Role } from '@/db/schema/auth';
import type { Actor } from '@/lib/auth/actor';
import { uploadDocument } from '@/lib/documents/mutations';
import { actorFor, createCustomer, createUser, suiteBearers } from '@/tests/factories';
import { insertConsentEvent, insertOutboxEmail } from '@/tests/factories/consents';
import { emailActivitiesOf, outboxOf, startAppSmtp, stopAppSmtp } from '@/tests/factories/email';
import { call } from '@/tests/factories/http';

let current: Actor | null = null;
vi.mock('@/lib/auth/session', async () => (await import('@/tests/factories/session-mock')).sessionMock(() => current));
vi.mock('next/cache', () => ({ revalidatePath: vi.fn() }));

const sendRoute = await import('@/app/api/customers/[id]/send-email/route');
const listRoute = await import('@/app/api/customers/[id]/emails/route');
const retryRoute = await import('@/app/api/customers/[id]/emails/[emailId]/retry/route');
const { retryEmailAction } = await import('@/lib/email/actions');
const { initialActionState } = await import('@/lib/actions');

const auth = suiteBearers();
afterEach(stopAppSmtp);

const send = (customerId: string, subject: string) =>
  call(sendRoute.POST, {
    method: 'POST',
    params: { id: customerId },
    auth: auth.manager,
    body: { subject, body: 'Bonjour, votre véhicule est prêt.', purpose: 'service' },
  });
const retry = (id: string, emailId: string, role: Role = 'manager') =>
  call(retryRoute.POST, { method: 'POST', params: { id, emailId }, auth: auth[role] });
const list = (id: string, query: Record<string, string> = {}, role: Role = 'viewer') =>
  call(listRoute.GET, { params: { id }, auth: auth[role], query });
const failedEmail = (customerId: string, extra: Partial<typeof emailOutbox.$inferInsert> = {}) =>
  insertOutboxEmail(customerId, {
    purpose: 'service-notifications',
    status: 'failed',
    error: '550 Mailbox unavailable',
    ...extra,
  });
const activityCount = async (customerId: string) =>
  Number(
    (await getDb().select({ n: count() }).from(customerActivity).where(eq(customerActivity.customerId, customerId)))[0]
      .n,
  );
const rowOf = async (id: string) => (await getDb().select().from(emailOutbox).where(eq(emailOutbox.id, id)))[0];

describe('GET /api/customers/{id}/emails', () => {
  it('lists this customer’s outbox only, newest first, with status filter and keyset pages', async () => {
    const c = await createCustomer();
    const other = await createCustomer();
    const at = (m: number) => new Date(Date.UTC(2026, 0, 10, 9, m));
    const sent = await insertOutboxEmail(c.id, { subject: 'A', createdAt: at(1) });
    const failed = await failedEmail(c.id, { subject: 'B', createdAt: at(2) });
    const blocked = await insertOutboxEmail(c.id, {
      subject: 'C',
      status: 'blocked',
      error: 'Refus',
      createdAt: at(3),
    });
    await insertOutboxEmail(other.id, { subject: 'Autre client' });

    const all = await list(c.id);
    expect(all.status).toBe(200);
    expect(all.body.data.map((e: { id: string }) => e.id)).toEqual([blocked.id, failed.id, sent.id]);
    expect(all.body.data[1]).toMatchObject({ status: 'failed', error: '550 Mailbox unavailable', attachments: [] });

    const onlyFailed = await list(c.id, { status: 'failed' });
    expect(onlyFailed.body.data.map((e: { id: string }) => e.id)).toEqual([failed.id]);

    const first = await list(c.id, { limit: '2' });
    expect(first.body.data).toHaveLength(2);
    const second = await list(c.id, { limit: '2', cursor: first.body.nextCursor });
    expect(second.body.data.map((e: { id: string }) => e.id)).toEqual([sent.id]);
    expect(second.body.nextCursor).toBeNull();

    expect((await list(c.id, { status: 'lost' })).status).toBe(422);
    expect((await list('00000000-0000-4000-8000-000000000000')).status).toBe(404);
  });
});

describe('« Réessayer » (POST /api/customers/{id}/emails/{emailId}/retry)', () => {
  it('an e-mail the SMTP server refused is really delivered on retry, with its activities', async () => {
    const c = await createCustomer();
    const refusing = await startAppSmtp({ reject: true });
    const first = await send(c.id, 'Rappel RDV du 14 mars');
    expect(first.body).toMatchObject({ status: 'failed' });
    await refusing.close();

    const smtp = await startAppSmtp();
    const res = await retry(c.id, first.body.id);
    expect(res.status).toBe(202);
    expect(res.body).toEqual({ id: first.body.id, status: 'sent', error: null });
    expect(smtp.received).toHaveLength(1);
    expect(smtp.received[0].to).toEqual([c.email]);
    expect(smtp.received[0].raw).toContain('Subject: Rappel RDV du 14 mars');
    const row = await rowOf(first.body.id);
    expect(row).toMatchObject({ status: 'sent', error: null });
    expect(row.sentAt).toBeInstanceOf(Date);

    const titles = (await emailActivitiesOf(c.id))
      .sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime())
      .map((a) => a.title);
    expect(titles).toEqual([
      'E-mail mis en file : Rappel RDV du 14 mars',
      'Échec de l’envoi : Rappel RDV du 14 mars',
      'Nouvel essai d’envoi : Rappel RDV du 14 mars',
      'E-mail envoyé : Rappel RDV du 14 mars',
    ]);
    const [requeued] = (await emailActivitiesOf(c.id)).filter((a) => a.title.startsWith('Nouvel essai'));
    expect(requeued.metadata).toMatchObject({ outboxId: row.id, status: 'queued', retry: true });
    expect(requeued.description).toMatch(/Échec précédent : .*Mailbox unavailable/);
    await smtp.close();
  });

  it('without SMTP it goes back to the queue; refused again, it stays failed with the new reason', async () => {
    const c = await createCustomer();
    const e = await failedEmail(c.id, { to: c.email! });
    const queued = await retry(c.id, e.id);
    expect(queued.status).toBe(202);
    expect(queued.body).toMatchObject({ status: 'queued', error: null });
    expect(await rowOf(e.id)).toMatchObject({ status: 'queued', error: null });

    const again = await failedEmail(c.id);
    const smtp = await startAppSmtp({ reject: true });
    const res = await retry(c.id, again.id);
    expect(res.status).toBe(202);
    expect(res.body.status).toBe('failed');
    expect(res.body.error).toMatch(/over quota/);
    expect(await rowOf(again.id)).toMatchObject({ status: 'failed', error: res.body.error });
    await smtp.close();
  });

  it('goes to the customer’s current address (corrected after the bounce) and carries the files again', async () => {
    const c = await createCustomer();
    const owner = actorFor(await createUser('manager'));
    const doc = await uploadDocument(getDb(), owner, c.id, {
      body: new Uint8Array(Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n')),
      originalName: 'rapport.pdf',
      category: 'report',
    });
    const e = await failedEmail(c.id, {
      to: 'ancienne@exemple.fr',
      attachments: [{ documentId: doc.id, filename: 'rapport-intervention.pdf', contentType: 'application/pdf' }],
    });
    await getDb().update(customers).set({ email: 'nouvelle@exemple.fr' }).where(eq(customers.id, c.id));
    const smtp = await startAppSmtp();
    const res = await retry(c.id, e.id);
    expect(res.body.status).toBe('sent');
    expect(smtp.received[0].to).toEqual(['nouvelle@exemple.fr']);
    expect(smtp.received[0].raw).toMatch(/Content-Type: application\/pdf/i);
    expect(smtp.received[0].raw).toMatch(/filename="?rapport-intervention\.pdf/);
    expect((await rowOf(e.id)).to).toBe('nouvelle@exemple.fr');

    // A file that is gone cannot be sent again: 409, nothing changed.
    const lost = await failedEmail(c.id, {
      attachments: [{ documentId: null, filename: 'perdu.pdf', contentType: 'application/pdf' }],
    });
    const before = await activityCount(c.id);
    const refused = await retry(c.id, lost.id);
    expect(refused.status).toBe(409);
    expect(refused.body.error.message).toMatch(/perdu\.pdf/);
    expect(await rowOf(lost.id)).toMatchObject({ status: 'failed' });
    expect(await activityCount(c.id)).toBe(before);
    expect(smtp.received).toHaveLength(1);
    await smtp.close();
  });

  it('only failed e-mails: queued, sent and blocked → 409, nothing written', async () => {
    const c = await createCustomer();
    const rows = [
      await insertOutboxEmail(c.id, { status: 'queued' }),
      await insertOutboxEmail(c.id, { status: 'sent' }),
      await insertOutboxEmail(c.id, { status: 'blocked', error: 'Envoi refusé' }),
    ];
    const before = await activityCount(c.id);
    for (const row of rows) {
      const res = await retry(c.id, row.id);
      expect(res.status, row.status).toBe(409);
      expect(res.body.error.message).toMatch(/Seul un e-mail en échec peut être renvoyé/);
      expect((await rowOf(row.id)).status).toBe(row.status);
    }
    expect(await activityCount(c.id)).toBe(before);
  });

  it('another customer’s e-mail → 404 and an unknown one → 404, nothing written', async () => {
    const a = await createCustomer();
    const b = await createCustomer();
    const bEmail = await failedEmail(b.id);
    const res = await retry(a.id, bEmail.id);
    expect(res.status).toBe(404);
    expect(res.text).not.toContain(bEmail.subject);
    expect(await rowOf(bEmail.id)).toMatchObject({ status: 'failed' });
    expect((await retry(a.id, '00000000-0000-4000-8000-000000000000')).status).toBe(404);
    expect(await activityCount(a.id)).toBe(0);
    expect(await activityCount(b.id)).toBe(0);
  });

  it('roles: same as sending — technicians and viewers 403, admins allowed; the action checks the same', async () => {
    const c = await createCustomer();
    const e = await failedEmail(c.id);
    expect((await retry(c.id, e.id, 'viewer')).status).toBe(403);
    expect((await retry(c.id, e.id, 'technician')).status).toBe(403);
    current = actorFor(await createUser('technician'));
    const refused = await retryEmailAction(c.id, e.id, initialActionState, new FormData());
    expect(refused.ok).toBe(false);
    expect(await rowOf(e.id)).toMatchObject({ status: 'failed' });
    expect(await activityCount(c.id)).toBe(0);

    current = actorFor(await createUser('manager'));
    const done = await retryEmailAction(c.id, e.id, initialActionState, new FormData());
    expect(done).toMatchObject({
      ok: true,
      message: 'E-mail placé dans la file d’envoi (aucun serveur SMTP configuré).',
    });
    const other = await failedEmail(c.id);
    expect((await retry(c.id, other.id, 'admin')).status).toBe(202);
  });

  it('the consent gate is asked again: a withdrawal since the failure blocks it (row blocked, refusal logged)', async () => {
    const c = await createCustomer();
    await insertConsentEvent(c.id, { occurredAt: new Date(Date.now() - 86_400_000) });
    const e = await failedEmail(c.id, { purpose: 'marketing', subject: 'Promo pneus hiver' });
    await insertConsentEvent(c.id, { granted: false, source: 'phone' });
    const smtp = await startAppSmtp();
    const res = await retry(c.id, e.id);
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('consent_missing');
    expect(smtp.received).toHaveLength(0);
    const row = await rowOf(e.id);
    expect(row).toMatchObject({ status: 'blocked', error: res.body.error.message });
    const activities = await getDb()
      .select()
      .from(customerActivity)
      .where(and(eq(customerActivity.customerId, c.id), eq(customerActivity.relatedId, e.id)))
      .orderBy(asc(customerActivity.createdAt));
    expect(activities.map((a) => a.title)).toEqual(['Envoi refusé : consentement manquant']);
    expect(activities[0].metadata).toMatchObject({ status: 'blocked', retry: true });
    expect((await outboxOf(c.id)).map((r) => r.status)).toEqual(['blocked']);
    await smtp.close();
  });
});
