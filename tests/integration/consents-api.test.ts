import { and, count, eq, inArray, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { GET, POST } from '@/app/api/customers/[id]/consents/route';
import { getDb } from '@/db';
import { consentEvents, customerActivity, customers } from '@/db/schema';
import type { Role } from '@/db/schema/auth';
import { checkCompliance, complianceIssuesFilter } from '@/lib/consents/compliance';
import { createCustomer, suiteBearers } from '../factories';
import {
  insertActivity,
  insertConsentEvent,
  insertDocument,
  insertInterventionInvoicePayment,
  insertOutboxEmail,
  yearsAgo,
} from '../factories/consents';
import { call, callRawJson } from '../factories/http';

const auth = suiteBearers();

const grant = (purpose: string, channel: string, extra: Record<string, unknown> = {}) => ({
  purpose,
  channel,
  granted: true,
  source: 'paper-form',
  textVersion: 'CGU-2024-01',
  ...extra,
});

async function post(customerId: string, body: unknown, role: Role = 'manager', headers: Record<string, string> = {}) {
  return call(POST, { method: 'POST', params: { id: customerId }, auth: auth[role], body, headers });
}

async function eventCount(customerId: string) {
  const [{ n }] = await getDb()
    .select({ n: count() })
    .from(consentEvents)
    .where(eq(consentEvents.customerId, customerId));
  return n;
}

describe('consent_events is append-only in the database', () => {
  it('rejects UPDATE and DELETE, even on one row and through raw SQL', async () => {
    const c = await createCustomer();
    const event = await insertConsentEvent(c.id);
    const db = getDb();
    await expect(
      db.update(consentEvents).set({ granted: false }).where(eq(consentEvents.id, event.id)),
    ).rejects.toThrow();
    await expect(db.delete(consentEvents).where(eq(consentEvents.id, event.id))).rejects.toThrow();
    await expect(db.execute(sql`update consent_events set text_version = 'forged'`)).rejects.toThrow();
    const [row] = await db.select().from(consentEvents).where(eq(consentEvents.id, event.id));
    expect(row.granted).toBe(true);
    expect(row.textVersion).toBe('v1');
  });
});

describe('POST /api/customers/{id}/consents', () => {
  it('derives the current state from the latest event of each cell', async () => {
    const c = await createCustomer();
    const headers = { 'x-forwarded-for': '203.0.113.7', 'user-agent': 'Guichet/1.0' };
    expect((await post(c.id, grant('marketing', 'email'), 'manager', headers)).status).toBe(201);
    expect((await post(c.id, grant('marketing', 'sms'))).status).toBe(201);
    const withdrawal = await post(c.id, { purpose: 'marketing', channel: 'email', granted: false });
    expect(withdrawal.status).toBe(201);
    expect(withdrawal.body).toMatchObject({ granted: false, source: 'api', textVersion: null });
    expect((await post(c.id, grant('satisfaction-surveys', 'email'))).status).toBe(201);
    expect(
      (await post(c.id, { purpose: 'satisfaction-surveys', channel: 'email', granted: false, source: 'phone' })).status,
    ).toBe(201);
    const regrant = await post(
      c.id,
      grant('marketing', 'email', { textVersion: 'CGU-2025-02', source: 'web-form', proofText: 'Case cochée' }),
    );
    expect(regrant.status).toBe(201);

    const res = await call(GET, { params: { id: c.id }, auth: auth.viewer });
    expect(res.status).toBe(200);
    const { state, history } = res.body;
    expect(state.marketing.email).toMatchObject({
      state: 'granted',
      source: 'web-form',
      textVersion: 'CGU-2025-02',
      eventId: regrant.body.id,
    });
    expect(state.marketing.sms).toMatchObject({ state: 'granted', textVersion: 'CGU-2024-01' });
    expect(state['satisfaction-surveys'].email).toMatchObject({ state: 'withdrawn', source: 'phone' });
    expect(state.marketing.phone).toEqual({
      state: 'never',
      since: null,
      source: null,
      textVersion: null,
      eventId: null,
    });
    expect(Object.keys(state)).toHaveLength(6);
    expect(Object.keys(state.photos)).toEqual(['email', 'sms', 'phone', 'post']);

    expect(history.data).toHaveLength(6);
    expect(history.data[0].id).toBe(regrant.body.id);
    const first = history.data[5];
    expect(first).toMatchObject({
      customerId: c.id,
      purpose: 'marketing',
      channel: 'email',
      granted: true,
      source: 'paper-form',
      textVersion: 'CGU-2024-01',
      documentId: null,
      ip: '203.0.113.7',
      userAgent: 'Guichet/1.0',
      actor: { kind: 'token' },
    });
    expect(typeof first.occurredAt).toBe('string');

    const activities = await getDb()
      .select({ title: customerActivity.title })
      .from(customerActivity)
      .where(and(eq(customerActivity.customerId, c.id), eq(customerActivity.type, 'consent')));
    expect(activities).toHaveLength(6);
    expect(activities.map((a) => a.title)).toContain('Consentement retiré : Prospection commerciale — E-mail');
  });

  it('requires a source and the text version when granting (422, nothing written); a withdrawal needs neither', async () => {
    const c = await createCustomer();
    const noText = await post(c.id, { purpose: 'marketing', channel: 'email', granted: true, source: 'phone' });
    expect(noText.status).toBe(422);
    expect(noText.body.error.code).toBe('validation_failed');
    expect(noText.body.error.fields.textVersion[0]).toMatch(/version du texte/);
    const noSource = await post(c.id, { purpose: 'marketing', channel: 'email', granted: true, textVersion: 'v1' });
    expect(noSource.status).toBe(422);
    expect(noSource.body.error.fields.source).toBeDefined();
    const blankText = await post(c.id, grant('marketing', 'email', { textVersion: '   ' }));
    expect(blankText.status).toBe(422);
    const legacy = await post(c.id, grant('marketing', 'email', { source: 'legacy-import' }));
    expect(legacy.status).toBe(422);
    expect(legacy.body.error.fields.source).toBeDefined();
    const badPurpose = await post(c.id, grant('astrology', 'email'));
    expect(badPurpose.status).toBe(422);
    const notBool = await post(c.id, grant('marketing', 'email', { granted: 'yes' }));
    expect(notBool.status).toBe(422);
    const malformed = await callRawJson(POST, '{"purpose":', { params: { id: c.id }, auth: auth.manager });
    expect(malformed.status).toBe(400);
    expect(await eventCount(c.id)).toBe(0);

    const withdraw = await post(c.id, { purpose: 'marketing', channel: 'email', granted: false });
    expect(withdraw.status).toBe(201);
    expect(await eventCount(c.id)).toBe(1);
  });

  it('links a proof document of the same customer only (another customer’s → 404)', async () => {
    const c = await createCustomer();
    const other = await createCustomer();
    const ownDoc = await insertDocument(c.id);
    const otherDoc = await insertDocument(other.id);
    const deletedDoc = await insertDocument(c.id, { deletedAt: new Date() });

    const foreign = await post(c.id, grant('marketing', 'post', { documentId: otherDoc.id }));
    expect(foreign.status).toBe(404);
    expect(foreign.body.error.code).toBe('not_found');
    expect((await post(c.id, grant('marketing', 'post', { documentId: deletedDoc.id }))).status).toBe(404);
    expect((await post(c.id, grant('marketing', 'post', { documentId: 'not-a-uuid' }))).status).toBe(422);
    expect(await eventCount(c.id)).toBe(0);

    const ok = await post(c.id, grant('marketing', 'post', { documentId: ownDoc.id }));
    expect(ok.status).toBe(201);
    expect(ok.body.documentId).toBe(ownDoc.id);
  });

  it('enforces roles: technician may record, viewer may read only; unknown customer → 404', async () => {
    const c = await createCustomer();
    expect((await post(c.id, grant('photos', 'email'), 'technician')).status).toBe(201);
    const viewer = await post(c.id, grant('photos', 'sms'), 'viewer');
    expect(viewer.status).toBe(403);
    expect(viewer.body.error.code).toBe('forbidden');
    expect(await eventCount(c.id)).toBe(1);
    expect((await call(POST, { method: 'POST', params: { id: c.id }, body: grant('photos', 'sms') })).status).toBe(401);
    expect((await call(GET, { params: { id: c.id }, auth: auth.technician })).status).toBe(200);

    const missing = '00000000-0000-4000-8000-000000000000';
    expect((await post(missing, grant('photos', 'email'))).status).toBe(404);
    expect((await call(GET, { params: { id: missing }, auth: auth.viewer })).status).toBe(404);
    expect((await call(GET, { params: { id: 'nope' }, auth: auth.viewer })).status).toBe(404);
  });
});

describe('GET /api/customers/{id}/consents history', () => {
  it('pages with a keyset cursor, newest first, no duplicates, and filters', async () => {
    const c = await createCustomer();
    // Same timestamp for several rows: the id breaks the tie and nothing is skipped.
    const at = new Date('2025-03-01T10:00:00.123Z');
    const ids: string[] = [];
    for (let i = 0; i < 7; i++) {
      const e = await insertConsentEvent(c.id, {
        channel: i % 2 ? 'sms' : 'email',
        granted: i % 3 !== 0,
        occurredAt: i < 4 ? at : new Date(at.getTime() + i * 1000),
      });
      ids.push(e.id);
    }
    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const res = await call(GET, {
        params: { id: c.id },
        auth: auth.viewer,
        query: { limit: '3', ...(cursor ? { cursor } : {}) },
      });
      expect(res.status).toBe(200);
      seen.push(...res.body.history.data.map((e: { id: string }) => e.id));
      cursor = res.body.history.nextCursor ?? undefined;
      pages++;
    } while (cursor && pages < 10);
    expect(pages).toBe(3);
    expect(new Set(seen).size).toBe(7);
    expect(seen.slice(0, 3)).toEqual([ids[6], ids[5], ids[4]]);

    const sms = await call(GET, { params: { id: c.id }, auth: auth.viewer, query: { channel: 'sms', limit: '100' } });
    expect(sms.body.history.data).toHaveLength(3);
    expect(sms.body.history.nextCursor).toBeNull();

    expect((await call(GET, { params: { id: c.id }, auth: auth.viewer, query: { cursor: 'garbage' } })).status).toBe(
      400,
    );
    expect((await call(GET, { params: { id: c.id }, auth: auth.viewer, query: { limit: '500' } })).status).toBe(422);
  });
});

describe('compliance', () => {
  it('reports marketing without proof, expired consent, e-mails sent without consent and inactivity beyond retention', async () => {
    const clean = await createCustomer();
    await post(clean.id, grant('marketing', 'email'));
    await insertOutboxEmail(clean.id, { purpose: 'marketing' });
    await insertOutboxEmail(clean.id, { purpose: 'service-notifications' });

    const legacy = await createCustomer();
    await insertConsentEvent(legacy.id, { source: 'legacy-import', textVersion: null });

    const expired = await createCustomer();
    await insertConsentEvent(expired.id, { occurredAt: yearsAgo(4) });

    // Same old grant, but the customer called last month: the validity clock restarted.
    const renewed = await createCustomer();
    await insertConsentEvent(renewed.id, { occurredAt: yearsAgo(4) });
    await insertActivity(renewed.id, { type: 'call', occurredAt: yearsAgo(0.1) });

    const spammed = await createCustomer();
    await insertOutboxEmail(spammed.id, { status: 'sent' });
    await insertOutboxEmail(spammed.id, { status: 'queued' });
    await insertOutboxEmail(spammed.id, { status: 'blocked' });

    const dormant = await createCustomer({ createdAt: yearsAgo(5) });
    const active = await createCustomer({ createdAt: yearsAgo(5) });
    await insertInterventionInvoicePayment(active.id, yearsAgo(1));

    const db = getDb();
    const codes = async (id: string) => (await checkCompliance(db, id)).issues.map((i) => i.code);

    const cleanReport = await call(GET, { params: { id: clean.id }, auth: auth.viewer });
    expect(cleanReport.body.compliance).toEqual({ ok: true, issues: [], lastContactAt: null });
    expect(await codes(renewed.id)).toEqual([]);
    expect(await codes(active.id)).toEqual([]);

    const legacyReport = await checkCompliance(db, legacy.id);
    expect(legacyReport.ok).toBe(false);
    expect(legacyReport.issues).toEqual([
      expect.objectContaining({
        code: 'consent_proof_missing',
        severity: 'error',
        purpose: 'marketing',
        channel: 'email',
      }),
    ]);
    expect(legacyReport.issues[0].message).toMatch(/sans preuve/);

    expect(await codes(expired.id)).toEqual(['consent_expired']);
    const spam = await checkCompliance(db, spammed.id);
    expect(spam.issues).toEqual([
      expect.objectContaining({ code: 'email_without_consent', purpose: 'marketing', channel: 'email' }),
    ]);
    expect(spam.issues[0].message).toMatch(/^2 e-mails/);
    const dormantReport = await checkCompliance(db, dormant.id);
    expect(dormantReport.issues).toEqual([
      expect.objectContaining({ code: 'retention_exceeded', severity: 'warning' }),
    ]);
    expect(dormantReport.issues[0].message).toMatch(/effacement/);

    // The list filter finds exactly the customers the detailed check flags.
    const all = [clean, legacy, expired, renewed, spammed, dormant, active].map((c) => c.id);
    const flagged = await db
      .select({ id: customers.id })
      .from(customers)
      .where(and(inArray(customers.id, all), complianceIssuesFilter()));
    expect(flagged.map((r) => r.id).sort()).toEqual([legacy.id, expired.id, spammed.id, dormant.id].sort());
  });

  it('counts an e-mail as compliant only when the consent was granted before it was written', async () => {
    const c = await createCustomer();
    await insertOutboxEmail(c.id, { createdAt: yearsAgo(0.5) });
    await insertConsentEvent(c.id, { occurredAt: yearsAgo(0.4) });
    await insertOutboxEmail(c.id, { createdAt: yearsAgo(0.3) });
    await insertConsentEvent(c.id, { granted: false, occurredAt: yearsAgo(0.2), source: 'phone' });
    await insertOutboxEmail(c.id, { createdAt: yearsAgo(0.1) });
    const report = await checkCompliance(getDb(), c.id);
    expect(report.issues).toHaveLength(1);
    expect(report.issues[0].message).toMatch(/^2 e-mails/);
  });
});
