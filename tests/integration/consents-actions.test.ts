import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { getDb } from '@/db';
import { consentEvents, customers, emailOutbox } from '@/db/schema';
import type { Actor } from '@/lib/auth/actor';
import type { ActionState } from '@/lib/actions';
import { complianceIssuesFilter } from '@/lib/consents/compliance';
import { listCustomers } from '@/lib/customers/queries';
import { customerListQuerySchema } from '@/lib/customers/schema';
import { actorFor, createCustomer, createUser } from '../factories';
import { insertConsentEvent } from '../factories/consents';

// The session is mocked (the database never is): the action sees this actor.
let current: Actor | null = null;
vi.mock('@/lib/auth/session', async () => (await import('@/tests/factories/session-mock')).sessionMock(() => current));
vi.mock('next/cache', () => ({ revalidatePath: vi.fn() }));

const initialActionState: ActionState<never> = { ok: false, message: '' };
const { recordConsentAction } = await import('@/lib/consents/actions');
const { sendEmailAction } = await import('@/lib/email/actions');

const form = (values: Record<string, string>) => {
  const fd = new FormData();
  for (const [k, v] of Object.entries(values)) fd.append(k, v);
  return fd;
};

let technician: Actor;
let manager: Actor;
let viewer: Actor;
beforeAll(async () => {
  technician = actorFor(await createUser('technician'));
  manager = actorFor(await createUser('manager'));
  viewer = actorFor(await createUser('viewer'));
});

describe('recordConsentAction', () => {
  it('records a grant from the form with the user as actor, IP and user agent', async () => {
    const c = await createCustomer();
    current = technician;
    const state = await recordConsentAction(
      c.id,
      initialActionState,
      form({
        purpose: 'marketing',
        channel: 'sms',
        granted: 'true',
        source: 'in-person',
        textVersion: 'F-2025',
        proofText: '',
        documentId: '',
      }),
    );
    expect(state).toMatchObject({ ok: true, message: 'Consentement enregistré.' });
    const [row] = await getDb().select().from(consentEvents).where(eq(consentEvents.customerId, c.id));
    expect(row).toMatchObject({
      actorKind: 'user',
      actorId: technician.id,
      ip: '127.0.0.1',
      userAgent: 'vitest',
      proofText: null,
      documentId: null,
    });
  });

  it('returns field errors without writing, and refuses a viewer', async () => {
    const c = await createCustomer();
    current = manager;
    const state = await recordConsentAction(
      c.id,
      initialActionState,
      form({ purpose: 'marketing', channel: 'email', granted: 'true' }),
    );
    expect(state.ok).toBe(false);
    expect(Object.keys(state.fieldErrors ?? {}).sort()).toEqual(['source', 'textVersion']);
    current = viewer;
    const denied = await recordConsentAction(
      c.id,
      initialActionState,
      form({ purpose: 'marketing', channel: 'email', granted: 'false' }),
    );
    expect(denied).toMatchObject({ ok: false });
    expect(denied.message).toMatch(/droit/);
    expect(await getDb().select().from(consentEvents).where(eq(consentEvents.customerId, c.id))).toHaveLength(0);
  });
});

describe('sendEmailAction', () => {
  it('shows the refusal as the message when consent is missing, and queues once granted', async () => {
    const c = await createCustomer();
    current = manager;
    const fd = () => form({ purpose: 'marketing', subject: 'Promo', body: 'Bonjour' });
    const refused = await sendEmailAction(c.id, initialActionState, fd());
    expect(refused.ok).toBe(false);
    expect(refused.message).toMatch(/^Envoi refusé/);
    await insertConsentEvent(c.id);
    const queued = await sendEmailAction(c.id, initialActionState, fd());
    expect(queued).toMatchObject({ ok: true, data: { status: 'queued' } });
    const rows = await getDb()
      .select({ status: emailOutbox.status })
      .from(emailOutbox)
      .where(eq(emailOutbox.customerId, c.id));
    expect(rows.map((r) => r.status).sort()).toEqual(['blocked', 'queued']);
    current = technician;
    expect((await sendEmailAction(c.id, initialActionState, fd())).ok).toBe(false);
  });
});

describe('customer list filter ?compliance=issues', () => {
  it('plugs into listCustomers through extraWhere', async () => {
    const flagged = await createCustomer({ city: 'Conformiteville' });
    await insertConsentEvent(flagged.id, { source: 'legacy-import', textVersion: null });
    const fine = await createCustomer({ city: 'Conformiteville' });
    await insertConsentEvent(fine.id);
    const query = customerListQuerySchema.parse({ city: 'Conformiteville', compliance: 'issues' });
    const page = await listCustomers(getDb(), query, [complianceIssuesFilter()]);
    expect(page.data.map((c) => c.id)).toEqual([flagged.id]);
    const all = await getDb().select({ id: customers.id }).from(customers).where(eq(customers.city, 'Conformiteville'));
    expect(all).toHaveLength(2);
  });
});
