import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { OnSiteCard } from '@/components/customers/profile/on-site-card';
import { getDb } from '@/db';
import { getCustomerOrThrow } from '@/lib/customers/queries';
import { getCurrentOrNextIntervention } from '@/lib/interventions/current';
import { createCustomer, createVehicle } from '../factories';
import { insertIntervention } from '../factories/finances';

/** The job the technician's phone screen shows: in progress first, else the next planned from today. */
describe('current or next intervention', () => {
  const now = new Date('2026-03-10T09:00:00Z');
  const at = (iso: string) => new Date(iso);

  it('the next planned one from today (Paris), never a finished, cancelled or past planned one', async () => {
    const c = await createCustomer();
    const v = await createVehicle(c.id, { plate: 'AB-123-CD', make: 'Renault', model: 'Clio' });
    const open = { completedAt: null } as const;
    await insertIntervention(c.id, { ...open, status: 'planned', scheduledAt: at('2026-03-01T08:00:00Z') });
    await insertIntervention(c.id, { status: 'done', completedAt: at('2026-03-10T08:30:00Z') });
    await insertIntervention(c.id, { ...open, status: 'cancelled', scheduledAt: at('2026-03-10T10:00:00Z') });
    const later = await insertIntervention(c.id, {
      ...open,
      status: 'planned',
      scheduledAt: at('2026-03-20T08:00:00Z'),
    });
    // Earlier today (Paris) still counts as today's job.
    const today = await insertIntervention(c.id, {
      ...open,
      status: 'planned',
      scheduledAt: at('2026-03-10T07:00:00Z'),
      vehicleId: v.id,
      kind: 'diagnostic',
    });
    const job = await getCurrentOrNextIntervention(getDb(), c.id, now);
    expect(job).toMatchObject({
      id: today.id,
      status: 'planned',
      kind: 'diagnostic',
      vehicle: 'Renault Clio (AB-123-CD)',
    });
    expect(job?.id).not.toBe(later.id);
  });

  it('an intervention in progress wins, even one that started on an earlier day', async () => {
    const c = await createCustomer();
    await insertIntervention(c.id, { completedAt: null, status: 'planned', scheduledAt: at('2026-03-10T12:00:00Z') });
    const started = await insertIntervention(c.id, {
      completedAt: null,
      status: 'in_progress',
      scheduledAt: at('2026-03-09T15:00:00Z'),
      startedAt: at('2026-03-09T15:05:00Z'),
    });
    expect((await getCurrentOrNextIntervention(getDb(), c.id, now))?.id).toBe(started.id);
    const none = await createCustomer();
    expect(await getCurrentOrNextIntervention(getDb(), none.id, now)).toBeNull();
  });

  it('the « Sur place » card: address with a geo: « Itinéraire », plates, the job; no id, no coordinates', async () => {
    const c = await createCustomer({
      addressLine1: '12 rue de la République',
      postalCode: '69002',
      city: 'Lyon',
      latitude: 45.762123,
      longitude: 4.835712,
    });
    await createVehicle(c.id, { plate: 'AB-123-CD', make: 'Renault', model: 'Clio', mileage: 123456 });
    const planned = await insertIntervention(c.id, {
      completedAt: null,
      status: 'planned',
      scheduledAt: at('2026-03-10T13:30:00Z'),
      kind: 'maintenance',
    });
    const customer = await getCustomerOrThrow(getDb(), c.id);
    const job = await getCurrentOrNextIntervention(getDb(), c.id, now);
    const html = renderToStaticMarkup(createElement(OnSiteCard, { customer, intervention: job }));
    expect(html).toContain('12 rue de la République');
    expect(html).toMatch(/href="geo:45\.762123,4\.835712\?q=/);
    expect(html).toContain('Itinéraire');
    expect(html).toContain('AB-123-CD');
    expect(html).toMatch(/123\s456\skm/);
    expect(html).toContain('Prochaine intervention');
    expect(html).toContain('Entretien');
    expect(html).toContain(`/interventions/${planned.id}`);
    expect(html).not.toContain(customer.number);
    // The coordinates only inside the geo: link, never printed.
    expect(html.replace(/href="geo:[^"]*"/g, '')).not.toContain('45.762123');
  });
});
