import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '@/db';
import { rfmSnapshots } from '@/db/schema';
import { getCustomerAnalytics } from '@/lib/analytics/queries';
import { getRfmScore, refreshRfm } from '@/lib/analytics/rfm';
import type { Actor } from '@/lib/auth/actor';
import { completeIntervention } from '@/lib/interventions/complete';
import { createIntervention, startIntervention } from '@/lib/interventions/mutations';
import { interventionCompleteSchema, interventionCreateSchema } from '@/lib/interventions/schema';
import { actorFor, createCustomer, createUser } from '@/tests/factories';
import { insertConsentEvent } from '@/tests/factories/consents';
import { emailActivitiesOf, outboxOf, startAppSmtp, stopAppSmtp } from '@/tests/factories/email';
import { insertIntervention } from '@/tests/factories/finances';

let manager: Actor;
let tech: Actor;

beforeAll(async () => {
  manager = actorFor(await createUser('manager'));
  tech = actorFor(await createUser('technician', { name: 'Karim Benali' }));
});

afterEach(stopAppSmtp);

async function startedFor(customerId: string) {
  const iv = await createIntervention(
    getDb(),
    manager,
    customerId,
    interventionCreateSchema.parse({ kind: 'repair', scheduledAt: new Date(), technicianId: tech.id }),
  );
  return startIntervention(getDb(), tech, customerId, iv.id);
}

const finish = (customerId: string, id: string, extra: Record<string, unknown> = {}) =>
  completeIntervention(
    getDb(),
    tech,
    customerId,
    id,
    interventionCompleteSchema.parse({ workDone: 'Remplacement des plaquettes', noCharge: true, ...extra }),
  );

describe('« envoyer le rapport au client » on completion', () => {
  it('e-mails the report PDF (purpose service, no consent needed) and logs it on the customer', async () => {
    const smtp = await startAppSmtp();
    try {
      const c = await createCustomer();
      const iv = await startedFor(c.id);
      const done = await finish(c.id, iv.id, { sendReport: true });
      expect(done.status).toBe('done');
      expect(done.reportEmail).toMatchObject({ status: 'sent', reason: null });
      expect(smtp.received).toHaveLength(1);
      expect(smtp.received[0].to).toEqual([c.email]);
      expect(smtp.received[0].raw).toMatch(/Content-Type: application\/pdf/i);
      expect(smtp.received[0].raw).toMatch(/filename="?rapport-intervention-\d{4}-\d{2}-\d{2}-/);
      const [row] = await outboxOf(c.id);
      expect(row).toMatchObject({ id: done.reportEmail!.outboxId, purpose: 'service-notifications', status: 'sent' });
      const titles = (await emailActivitiesOf(c.id)).map((a) => a.title);
      expect(titles).toEqual(
        expect.arrayContaining([expect.stringMatching(/^E-mail envoyé : Rapport d’intervention du .+ : Réparation$/)]),
      );
      const sentActivity = (await emailActivitiesOf(c.id)).find((a) => a.title.startsWith('E-mail envoyé'))!;
      expect(sentActivity.metadata).toMatchObject({ interventionId: iv.id, reportDocumentId: done.reportDocumentId });
    } finally {
      await smtp.close();
    }
  });

  it('without SMTP the e-mail waits in the outbox (queued); not asked, nothing is sent', async () => {
    const c = await createCustomer();
    const queued = await finish(c.id, (await startedFor(c.id)).id, { sendReport: true });
    expect(queued.reportEmail).toMatchObject({ status: 'queued' });
    expect(await outboxOf(c.id)).toHaveLength(1);

    const other = await createCustomer();
    const silent = await finish(other.id, (await startedFor(other.id)).id);
    expect(silent.reportEmail).toBeNull();
    expect(await outboxOf(other.id)).toHaveLength(0);
  });

  it('a recorded withdrawal of service notifications blocks it: refused with the reason, logged, still done', async () => {
    const c = await createCustomer();
    await insertConsentEvent(c.id, { purpose: 'service-notifications', granted: false, source: 'phone' });
    const done = await finish(c.id, (await startedFor(c.id)).id, { sendReport: true });
    expect(done.status).toBe('done');
    expect(done.reportEmail?.status).toBe('refused');
    expect(done.reportEmail?.reason).toMatch(/retiré son consentement « Notifications de service »/);
    const rows = await outboxOf(c.id);
    expect(rows.map((r) => r.status)).toEqual(['blocked']);
    expect((await emailActivitiesOf(c.id)).map((a) => a.title)).toContain('Envoi refusé : consentement manquant');
  });

  it('a customer without an e-mail address: refused with the reason, logged as an activity', async () => {
    const c = await createCustomer({ email: null });
    const iv = await startedFor(c.id);
    const done = await finish(c.id, iv.id, { sendReport: true });
    expect(done).toMatchObject({ status: 'done', reportEmail: { status: 'refused', outboxId: null } });
    expect(done.reportEmail?.reason).toBe('Ce client n’a pas d’adresse e-mail.');
    const [activity] = await emailActivitiesOf(c.id);
    expect(activity).toMatchObject({
      title: 'Rapport d’intervention non envoyé',
      description: 'Ce client n’a pas d’adresse e-mail.',
      relatedType: 'intervention',
      relatedId: iv.id,
    });
  });

  it('sendReport must be a boolean', () => {
    expect(interventionCompleteSchema.safeParse({ sendReport: 'yes' }).success).toBe(false);
    expect(interventionCompleteSchema.parse({ sendReport: true }).sendReport).toBe(true);
  });
});

describe('analytics from interventions completed in the app', () => {
  it('visits, RFM frequency, next visit and churn read done/invoiced interventions; completion triggers the RFM refresh', async () => {
    const c = await createCustomer();
    const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000);
    // History: two visits 120 days apart; a cancelled and a planned one never count.
    await insertIntervention(c.id, { status: 'invoiced', completedAt: daysAgo(240), scheduledAt: daysAgo(240) });
    await insertIntervention(c.id, { status: 'done', completedAt: daysAgo(120), scheduledAt: daysAgo(120) });
    await insertIntervention(c.id, { status: 'cancelled', completedAt: daysAgo(60), scheduledAt: daysAgo(60) });
    const before = (await refreshRfm(getDb()))!.computedAt;
    expect((await getRfmScore(getDb(), c.id))?.frequency).toBe(2);

    await finish(c.id, (await startedFor(c.id)).id);
    // The completion marked the scores stale: the next read starts the refresh (as after an invoice).
    const analytics = await getCustomerAnalytics(getDb(), c.id);
    // On PostgreSQL the pool runs the background refresh beside the read, and on a small database it may
    // already be over here: wait for it if it still runs, then the snapshot must be newer than before.
    await (globalThis as { __c360RfmRefreshing?: WeakMap<object, Promise<unknown>> }).__c360RfmRefreshing?.get(getDb());
    const [after] = await getDb().select({ at: rfmSnapshots.refreshedAt }).from(rfmSnapshots);
    expect(after.at.getTime(), 'a background refresh started by the read').toBeGreaterThan(before.getTime());
    expect((await getRfmScore(getDb(), c.id))?.frequency).toBe(3);
    expect(analytics.monthly.reduce((s, m) => s + m.visits, 0)).toBe(3);
    expect(analytics.kinds).toEqual(expect.arrayContaining([expect.objectContaining({ kind: 'repair', count: 1 })]));
    const fresh = await getCustomerAnalytics(getDb(), c.id);
    expect(fresh.rfm).toMatchObject({ frequency: 3, recencyDays: 0, inBase: true });
    // Intervals of 120 days: the next visit about 120 days after today's, churn risk low.
    const inDays = (fresh.predictions.nextVisitAt!.getTime() - Date.now()) / 86_400_000;
    expect(inDays).toBeGreaterThan(110);
    expect(inDays).toBeLessThan(130);
    expect(fresh.predictions.churnRisk.level).toBe('low');
  });
});
