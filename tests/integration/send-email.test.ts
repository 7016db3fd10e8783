import { afterEach, describe, expect, it } from 'vitest';
import { POST } from '@/app/api/customers/[id]/send-email/route';
import type { Role } from '@/db/schema/auth';
import { createCustomer, suiteBearers } from '../factories';
import { insertConsentEvent, yearsAgo } from '../factories/consents';
import { emailActivitiesOf, outboxOf, startAppSmtp, stopAppSmtp } from '../factories/email';
import { call } from '../factories/http';

const auth = suiteBearers();

afterEach(stopAppSmtp);

const message = (purpose = 'marketing', extra: Record<string, unknown> = {}) => ({
  subject: 'Offre pneus hiver',
  body: 'Bonjour, -20 % sur les pneus hiver ce mois-ci.',
  purpose,
  ...extra,
});

const send = (customerId: string, body: unknown, role: Role = 'manager') =>
  call(POST, { method: 'POST', params: { id: customerId }, auth: auth[role], body });

describe('POST /api/customers/{id}/send-email — consent gate', () => {
  it('refuses marketing without consent: 403 consent_missing, blocked row and activity, nothing queued', async () => {
    const c = await createCustomer();
    const res = await send(c.id, message());
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('consent_missing');
    expect(res.body.error.message).toMatch(/jamais donné son consentement « Prospection commerciale »/);

    const rows = await outboxOf(c.id);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      status: 'blocked',
      purpose: 'marketing',
      to: c.email,
      subject: 'Offre pneus hiver',
    });
    expect(rows[0].error).toBe(res.body.error.message);
    expect(rows.filter((r) => r.status === 'queued')).toHaveLength(0);
    const activities = await emailActivitiesOf(c.id);
    expect(activities).toHaveLength(1);
    expect(activities[0].title).toBe('Envoi refusé : consentement manquant');
    expect(activities[0].metadata).toMatchObject({ status: 'blocked', outboxId: rows[0].id });
  });

  it('refuses after a withdrawal, with an expired grant, and with a grant on another channel', async () => {
    const withdrawn = await createCustomer();
    await insertConsentEvent(withdrawn.id, { occurredAt: yearsAgo(1) });
    await insertConsentEvent(withdrawn.id, { granted: false, occurredAt: yearsAgo(0.5), source: 'phone' });
    const r1 = await send(withdrawn.id, message());
    expect(r1.status).toBe(403);
    expect(r1.body.error.message).toMatch(/a retiré son consentement/);

    const expired = await createCustomer();
    await insertConsentEvent(expired.id, { occurredAt: yearsAgo(4) });
    const r2 = await send(expired.id, message());
    expect(r2.status).toBe(403);
    expect(r2.body.error.message).toMatch(/a expiré/);

    const smsOnly = await createCustomer();
    await insertConsentEvent(smsOnly.id, { channel: 'sms' });
    expect((await send(smsOnly.id, message())).status).toBe(403);

    for (const c of [withdrawn, expired, smsOnly]) {
      expect((await outboxOf(c.id)).map((r) => r.status)).toEqual(['blocked']);
    }
  });

  it('accepts with a granted consent (outbox only, no SMTP configured): 202 queued', async () => {
    const c = await createCustomer();
    await insertConsentEvent(c.id);
    const res = await send(c.id, message());
    expect(res.status).toBe(202);
    expect(res.body).toMatchObject({ status: 'queued', error: null });
    const rows = await outboxOf(c.id);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      id: res.body.id,
      status: 'queued',
      purpose: 'marketing',
      sentAt: null,
      actorKind: 'token',
    });
    const activities = await emailActivitiesOf(c.id);
    expect(activities.map((a) => a.title)).toEqual(['E-mail mis en file : Offre pneus hiver']);
  });

  it('sends service notifications without any marketing consent; satisfaction surveys need their own', async () => {
    const c = await createCustomer();
    await insertConsentEvent(c.id, { granted: false, source: 'phone' });
    const res = await send(c.id, message('service', { subject: 'Votre véhicule est prêt' }));
    expect(res.status).toBe(202);
    const [row] = await outboxOf(c.id);
    expect(row).toMatchObject({ purpose: 'service-notifications', status: 'queued' });

    await insertConsentEvent(c.id, { purpose: 'marketing' });
    expect((await send(c.id, message('satisfaction-surveys'))).status).toBe(403);
  });

  it('422 for a customer without e-mail or an invalid message; roles enforced; nothing written', async () => {
    const noEmail = await createCustomer({ email: null });
    await insertConsentEvent(noEmail.id);
    const r1 = await send(noEmail.id, message());
    expect(r1.status).toBe(422);
    expect(r1.body.error.fields.to[0]).toMatch(/adresse e-mail/);

    const c = await createCustomer();
    await insertConsentEvent(c.id);
    expect((await send(c.id, message('marketing', { subject: '' }))).status).toBe(422);
    expect((await send(c.id, message('marketing', { subject: 'a\r\nBcc: victim@exemple.fr' }))).status).toBe(422);
    expect((await send(c.id, message('marketing', { body: 'x'.repeat(20001) }))).status).toBe(422);
    expect((await send(c.id, message('spam'))).status).toBe(422);
    expect((await send(c.id, message(), 'technician')).status).toBe(403);
    expect((await send(c.id, message(), 'viewer')).status).toBe(403);
    expect((await send('00000000-0000-4000-8000-000000000000', message())).status).toBe(404);
    expect(await outboxOf(noEmail.id)).toHaveLength(0);
    expect(await outboxOf(c.id)).toHaveLength(0);
  });
});

describe('POST /api/customers/{id}/send-email — SMTP delivery', () => {
  it('delivers through a real SMTP server: status sent, subject and body received', async () => {
    const smtp = await startAppSmtp();
    try {
      const c = await createCustomer();
      await insertConsentEvent(c.id);
      const res = await send(
        c.id,
        message('marketing', { subject: 'Winter tyres offer', body: 'Hello, 20 percent off winter tyres.' }),
      );
      expect(res.status).toBe(202);
      expect(res.body).toMatchObject({ status: 'sent', error: null });
      expect(smtp.received).toHaveLength(1);
      expect(smtp.received[0].to).toEqual([c.email]);
      expect(smtp.received[0].from).toBe('no-reply@customer360.local');
      expect(smtp.received[0].raw).toContain('Subject: Winter tyres offer');
      expect(smtp.received[0].raw).toContain('Hello, 20 percent off winter tyres.');
      const [row] = await outboxOf(c.id);
      expect(row.status).toBe('sent');
      expect(row.sentAt).toBeInstanceOf(Date);
      const titles = (await emailActivitiesOf(c.id)).map((a) => a.title);
      expect(titles).toEqual(
        expect.arrayContaining(['E-mail mis en file : Winter tyres offer', 'E-mail envoyé : Winter tyres offer']),
      );
    } finally {
      await smtp.close();
    }
  });

  it('records a refusal by the server: status failed with the 550 reason, shown in the response', async () => {
    const smtp = await startAppSmtp({ reject: true });
    try {
      const c = await createCustomer();
      const res = await send(c.id, message('service', { subject: 'Rappel rendez-vous' }));
      expect(res.status).toBe(202);
      expect(res.body.status).toBe('failed');
      expect(res.body.error).toMatch(/550/);
      expect(res.body.error).toMatch(/over quota/);
      const [row] = await outboxOf(c.id);
      expect(row).toMatchObject({ status: 'failed', sentAt: null });
      expect(row.error).toBe(res.body.error);
      const failure = (await emailActivitiesOf(c.id)).find((a) => a.title.startsWith('Échec'));
      expect(failure?.description).toMatch(/over quota/);
      expect(smtp.received).toHaveLength(0);
    } finally {
      await smtp.close();
    }
  });
});
