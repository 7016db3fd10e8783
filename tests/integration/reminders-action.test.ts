import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { getDb } from '@/db';
import { emailOutbox } from '@/db/schema';
import type { ActionState } from '@/lib/actions';
import type { Actor } from '@/lib/auth/actor';
import { addDays, parisToday } from '@/lib/interventions/time';
import { actorFor, createCustomer, createUser, createVehicle } from '../factories';
import { insertConsentEvent } from '../factories/consents';

// The session is mocked (the database never is): the action sees this actor.
let current: Actor | null = null;
vi.mock('@/lib/auth/session', async () => (await import('@/tests/factories/session-mock')).sessionMock(() => current));
vi.mock('next/cache', () => ({ revalidatePath: vi.fn() }));

const { sendReminderAction } = await import('@/lib/reminders/actions');
const initial: ActionState = { ok: false, message: '' };
const form = (days: string) => {
  const fd = new FormData();
  fd.append('days', days);
  return fd;
};
// A contrôle technique due in 10 days: registered 4 years before that day.
const registeredFor = (inDays: number) => {
  const [y, m, d] = addDays(parisToday(), inDays).split('-');
  return `${Number(y) - 4}-${m}-${d === '29' && m === '02' ? '28' : d}`;
};

let manager: Actor;
let technician: Actor;
beforeAll(async () => {
  manager = actorFor(await createUser('manager'));
  technician = actorFor(await createUser('technician'));
});

describe('sendReminderAction (the "Envoyer un rappel" button)', () => {
  it('answers the consent refusal as the message; with a grant the reminder is queued', async () => {
    const c = await createCustomer();
    const car = await createVehicle(c.id, { firstRegistrationDate: registeredFor(10) });
    current = manager;
    const refused = await sendReminderAction(car.id, initial, form('30'));
    expect(refused).toMatchObject({
      ok: false,
      message: expect.stringMatching(/^Envoi refusé : le client n’a jamais/),
    });

    await insertConsentEvent(c.id);
    const sent = await sendReminderAction(car.id, initial, form('30'));
    expect(sent).toMatchObject({
      ok: true,
      message: 'Rappel placé dans la file d’envoi (aucun serveur SMTP configuré).',
    });
    const rows = await getDb().select().from(emailOutbox).where(eq(emailOutbox.customerId, c.id));
    expect(rows.map((r) => r.status).sort()).toEqual(['blocked', 'queued']);
  });

  it('same role rule as the API: a technician is refused; a malformed vehicle id is not found', async () => {
    current = technician;
    expect(await sendReminderAction('3f1b1d1e-0000-4000-8000-000000000000', initial, form('30'))).toMatchObject({
      ok: false,
      message: expect.stringMatching(/pas le droit/),
    });
    current = manager;
    expect(await sendReminderAction('pas-un-id', initial, form('30'))).toMatchObject({
      ok: false,
      message: 'Véhicule introuvable.',
    });
  });
});
