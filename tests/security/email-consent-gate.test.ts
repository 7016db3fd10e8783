import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { POST } from '@/app/api/customers/[id]/send-email/route';
import { getDb } from '@/db';
import { customers, emailOutbox, legacyIdMap } from '@/db/schema';
import { SYSTEM_ACTOR } from '@/lib/auth/actor';
import { importLegacy } from '@/lib/legacy-import/run';
import { createCustomer, suiteBearers } from '../factories';
import { insertConsentEvent, yearsAgo } from '../factories/consents';
import { call } from '../factories/http';

/**
 * The e-mail consent gate (README "Security notes" → "E-mail consent gate"): a recorded withdrawal
 * blocks that purpose whatever it is, service notifications included; a marketing (or survey)
 * grant only opens the gate when it is provable — a grant created by the legacy import is not.
 */
const auth = suiteBearers();

const send = (customerId: string, purpose: string) =>
  call(POST, {
    method: 'POST',
    params: { id: customerId },
    auth: auth.manager,
    body: { subject: 'Objet', body: 'Bonjour.', purpose },
  });
const statuses = async (customerId: string) =>
  (await getDb().select().from(emailOutbox).where(eq(emailOutbox.customerId, customerId))).map((r) => r.status);

describe('a withdrawal blocks every purpose', () => {
  it('service e-mail after a recorded withdrawal of the service consent → 403, outbox blocked', async () => {
    const c = await createCustomer();
    await insertConsentEvent(c.id, {
      purpose: 'service-notifications',
      granted: false,
      source: 'phone',
      occurredAt: yearsAgo(0.1),
    });
    const res = await send(c.id, 'service');
    expect(res.status).toBe(403);
    expect(res.body.error.message).toMatch(/a retiré son consentement « Notifications de service/);
    expect(await statuses(c.id)).toEqual(['blocked']);
  });

  it('service e-mail with no service event at all, or after a re-grant, still goes out (contract basis)', async () => {
    const none = await createCustomer();
    expect((await send(none.id, 'service')).status).toBe(202);
    const regranted = await createCustomer();
    await insertConsentEvent(regranted.id, {
      purpose: 'service-notifications',
      granted: false,
      source: 'phone',
      occurredAt: yearsAgo(1),
    });
    await insertConsentEvent(regranted.id, { purpose: 'service-notifications', occurredAt: yearsAgo(0.5) });
    expect((await send(regranted.id, 'service')).status).toBe(202);
  });
});

describe('marketing needs a provable grant', () => {
  it('a grant from the legacy import (no proof) does not allow marketing e-mail', async () => {
    const header =
      'id;type;nom;prenom;societe;siret;adresse;cp;ville;tel;email;vehicules;notes;date_creation;actif;optin_mail';
    const line = '77001;P;Optin;Olga;;;1 rue A;69001;Lyon;0612345677;olga.optin@exemple.fr;;;01/02/2020;1;1';
    const report = await importLegacy(getDb(), SYSTEM_ACTOR, {
      buffer: Buffer.from(`${header}\r\n${line}`, 'utf8'),
      fileName: 'optin.csv',
    });
    expect(report.stats.imported).toBe(1);
    const [{ id }] = await getDb()
      .select({ id: customers.id })
      .from(customers)
      .innerJoin(legacyIdMap, eq(legacyIdMap.customerId, customers.id))
      .where(and(eq(legacyIdMap.legacyId, '77001')));
    const res = await send(id, 'marketing');
    expect(res.status).toBe(403);
    expect(res.body.error.message).toMatch(/preuve/);
    expect(await statuses(id)).toEqual(['blocked']);
  });

  it('a grant with a text version (proof) allows it; a later provable grant lifts the legacy block', async () => {
    const proven = await createCustomer();
    await insertConsentEvent(proven.id, { source: 'paper-form', textVersion: 'v2' });
    expect((await send(proven.id, 'marketing')).status).toBe(202);

    const legacy = await createCustomer();
    await insertConsentEvent(legacy.id, { source: 'legacy-import', textVersion: null, occurredAt: yearsAgo(1) });
    expect((await send(legacy.id, 'marketing')).status).toBe(403);
    await insertConsentEvent(legacy.id, { source: 'web-form', textVersion: 'v3' });
    expect((await send(legacy.id, 'marketing')).status).toBe(202);
  });
});
