import { count, eq } from 'drizzle-orm';
import { describe, expect, it, vi } from 'vitest';
import { getDb } from '@/db';
import { customerActivity, emailTemplates } from '@/db/schema';
import type { Role } from '@/db/schema/auth';
import type { Actor } from '@/lib/auth/actor';
import { eraseCustomer } from '@/lib/customers/mutations';
import { actorFor, createCustomer, createUser, createVehicle, suiteBearers } from '@/tests/factories';
import { insertIntervention } from '@/tests/factories/finances';
import { call } from '@/tests/factories/http';

let current: Actor | null = null;
vi.mock('@/lib/auth/session', async () => (await import('@/tests/factories/session-mock')).sessionMock(() => current));
vi.mock('next/cache', () => ({ revalidatePath: vi.fn() }));

const listRoute = await import('@/app/api/email-templates/route');
const itemRoute = await import('@/app/api/email-templates/[templateId]/route');
const previewRoute = await import('@/app/api/customers/[id]/emails/preview/route');
const { createEmailTemplateAction } = await import('@/lib/email/template-actions');
const { renderEmailTemplateAction } = await import('@/lib/email/actions');
const { initialActionState } = await import('@/lib/actions');

const auth = suiteBearers();
const db = () => getDb();
let seq = 0;

const template = (extra: Record<string, unknown> = {}) => ({
  name: `Rappel rendez-vous ${++seq}`,
  subject: 'Votre {{intervention.type}} du {{intervention.date}}',
  body: 'Bonjour {{client.nom}},\nnous attendons votre {{vehicule.modele}} ({{vehicule.immatriculation}}) à {{intervention.heure}}.\n{{expediteur.nom}}, {{agence.nom}}',
  purpose: 'service',
  ...extra,
});
const create = (body: unknown, role: Role = 'manager') =>
  call(listRoute.POST, { method: 'POST', auth: auth[role], body });
const patch = (templateId: string, body: unknown, role: Role = 'manager') =>
  call(itemRoute.PATCH, { method: 'PATCH', params: { templateId }, auth: auth[role], body });
const preview = (id: string, templateId: string, role: Role = 'manager') =>
  call(previewRoute.POST, { method: 'POST', params: { id }, auth: auth[role], body: { templateId } });
const templateCount = async () => Number((await db().select({ n: count() }).from(emailTemplates))[0].n);
const activityCount = async (customerId: string) =>
  Number(
    (await db().select({ n: count() }).from(customerActivity).where(eq(customerActivity.customerId, customerId)))[0].n,
  );

describe('e-mail templates API', () => {
  it('managers and admins create, edit and delete; everyone who sends e-mail lists them', async () => {
    const created = await create(template({ name: '  Relance contrôle technique  ' }));
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ name: 'Relance contrôle technique', purpose: 'service' });
    const id = created.body.id;

    const edited = await patch(
      id,
      { subject: 'CT de votre {{vehicule.immatriculation}}', purpose: 'marketing' },
      'admin',
    );
    expect(edited.status).toBe(200);
    expect(edited.body).toMatchObject({ subject: 'CT de votre {{vehicule.immatriculation}}', purpose: 'marketing' });

    const list = await call(listRoute.GET, { auth: auth.admin });
    expect(list.status).toBe(200);
    expect(list.body.data.map((t: { id: string }) => t.id)).toContain(id);
    expect(list.body.variables.map((v: { name: string }) => v.name)).toContain('client.nom');

    const removed = await call(itemRoute.DELETE, { method: 'DELETE', params: { templateId: id }, auth: auth.manager });
    expect(removed.status).toBe(204);
    expect(
      (await call(itemRoute.DELETE, { method: 'DELETE', params: { templateId: id }, auth: auth.manager })).status,
    ).toBe(404);
    expect((await patch(id, { name: 'Autre' })).status).toBe(404);
  });

  it('technicians and viewers: 403 on every template route, nothing written', async () => {
    const { body: existing } = await create(template());
    const before = await templateCount();
    for (const role of ['technician', 'viewer'] as const) {
      expect((await create(template(), role)).status).toBe(403);
      expect((await patch(existing.id, { name: 'Pris' }, role)).status).toBe(403);
      const del = await call(itemRoute.DELETE, {
        method: 'DELETE',
        params: { templateId: existing.id },
        auth: auth[role],
      });
      expect(del.status).toBe(403);
      expect((await call(listRoute.GET, { auth: auth[role] })).status).toBe(403);
    }
    expect(await templateCount()).toBe(before);
    const [row] = await db().select().from(emailTemplates).where(eq(emailTemplates.id, existing.id));
    expect(row.name).toBe(existing.name);
  });

  it('bad templates → 422 with the field error, nothing written', async () => {
    const before = await templateCount();
    const cases: [Record<string, unknown>, string, RegExp][] = [
      [template({ body: 'Bonjour {{client.name}}' }), 'body', /Variable inconnue : \{\{client\.name\}\}/],
      [
        template({ subject: 'Pour {{ client.age }} et {{toto}}' }),
        'subject',
        /Variables inconnues : \{\{client\.age\}\}, \{\{toto\}\}/,
      ],
      [template({ subject: '' }), 'subject', /Indiquez un objet/],
      [template({ subject: '   ' }), 'subject', /Indiquez un objet/],
      [template({ body: 'Bonjour {{client.nom}' }), 'body', /Accolades mal fermées/],
      [template({ subject: 'Ligne\nDeux' }), 'subject', /une ligne/],
      [template({ name: '' }), 'name', /nom/],
      [template({ purpose: 'spam' }), 'purpose', /Finalité/],
    ];
    for (const [body, field, message] of cases) {
      const res = await create(body);
      expect(res.status, JSON.stringify(body)).toBe(422);
      expect(res.body.error.fields[field].join(' ')).toMatch(message);
    }
    expect((await create({ ...template(), extra: 1 })).status).toBe(422);
    expect(await templateCount()).toBe(before);

    const { body: t } = await create(template());
    const bad = await patch(t.id, { body: 'Salut {{client.adresse}}' });
    expect(bad.status).toBe(422);
    expect(bad.body.error.fields.body[0]).toMatch(/client\.adresse/);
    expect((await patch(t.id, {})).status).toBe(422);
    const [row] = await db().select().from(emailTemplates).where(eq(emailTemplates.id, t.id));
    expect(row.body).toBe(t.body);
  });

  it('a name is taken whatever its case: 409 with the field error, nothing written', async () => {
    const { body: t } = await create(template({ name: 'Bienvenue' }));
    const before = await templateCount();
    const dup = await create(template({ name: 'BIENVENUE' }));
    expect(dup.status).toBe(409);
    expect(dup.body.error.fields.name).toEqual(['Un modèle porte déjà ce nom.']);
    const { body: other } = await create(template());
    expect((await patch(other.id, { name: 'bienvenue' })).status).toBe(409);
    expect(await templateCount()).toBe(before + 1);
    expect((await patch(t.id, { name: 'Bienvenue !' })).status).toBe(200);
  });
});

describe('rendering for a customer (POST /api/customers/{id}/emails/preview)', () => {
  it('fills every variable from the next intervention, its vehicle, the agency and the sender', async () => {
    const sender = await createUser('manager', { name: 'Léa Garnier' });
    const { body: t } = await create(template());
    const c = await createCustomer({ firstName: 'Inès', lastName: 'Roux', agency: 'Lyon' });
    const first = await createVehicle(c.id, { plate: 'AA-111-AA', make: 'Renault', model: 'Clio' });
    const booked = await createVehicle(c.id, { plate: 'GH-456-JK', make: 'Peugeot', model: '208' });
    // A past visit and a later one: the next one (from today, Paris) is the one rendered.
    await insertIntervention(c.id, { vehicleId: first.id });
    await insertIntervention(c.id, {
      vehicleId: first.id,
      status: 'planned',
      kind: 'repair',
      scheduledAt: new Date('2030-05-02T07:00:00Z'),
      completedAt: null,
    });
    await insertIntervention(c.id, {
      vehicleId: booked.id,
      status: 'planned',
      kind: 'maintenance',
      scheduledAt: new Date('2030-03-14T08:30:00Z'),
      completedAt: null,
    });
    const activities = await activityCount(c.id);

    current = actorFor(sender);
    const r = await renderEmailTemplateAction(c.id, initialActionState, formOf({ templateId: t.id }));
    expect(r.ok).toBe(true);
    expect(r.data).toMatchObject({
      templateId: t.id,
      purpose: 'service',
      subject: 'Votre Entretien du jeudi 14 mars 2030',
      body: 'Bonjour Inès Roux,\nnous attendons votre Peugeot 208 (GH-456-JK) à 09:30.\nLéa Garnier, Lyon',
      missing: [],
    });
    // The API renders the same (its sender is the token's name).
    const res = await preview(c.id, t.id);
    expect(res.status).toBe(200);
    expect(res.body.subject).toBe('Votre Entretien du jeudi 14 mars 2030');
    expect(res.body.body).toContain('votre Peugeot 208 (GH-456-JK) à 09:30');
    // Rendering sends nothing and writes nothing.
    expect(await activityCount(c.id)).toBe(activities);
  });

  it('without intervention nor vehicle: empty values, listed as missing, never "undefined" or "null"', async () => {
    const { body: t } = await create(template());
    const c = await createCustomer({
      kind: 'company',
      companyName: 'Garage Dupont SARL',
      firstName: null,
      agency: null,
    });
    const res = await preview(c.id, t.id);
    expect(res.status).toBe(200);
    expect(res.body.subject).toBe('Votre du');
    expect(res.body.body).toMatch(/^Bonjour Garage Dupont SARL,\nnous attendons votre {2}\(\) à \.\n.+, $/);
    expect(res.text).not.toMatch(/undefined|null/);
    expect(res.body.missing).toEqual([
      'intervention.type',
      'intervention.date',
      'vehicule.modele',
      'vehicule.immatriculation',
      'intervention.heure',
      'agence.nom',
    ]);

    // A vehicle but nothing planned: the customer's first vehicle, the intervention still missing.
    await createVehicle(c.id, { plate: 'EF-789-GH', make: 'Citroën', model: 'Berlingo' });
    await createVehicle(c.id, { plate: 'XY-321-ZT', make: 'Fiat', model: 'Doblo' });
    const withVehicle = await preview(c.id, t.id);
    expect(withVehicle.body.body).toContain('votre Citroën Berlingo (EF-789-GH)');
    expect(withVehicle.body.missing).toEqual([
      'intervention.type',
      'intervention.date',
      'intervention.heure',
      'agence.nom',
    ]);
  });

  it('escapes HTML in the html rendering; the plain text keeps the characters', async () => {
    const { body: t } = await create(template({ body: 'Bonjour {{client.nom}} & <b>merci</b>' }));
    const c = await createCustomer({ firstName: '<script>alert("x")</script>', lastName: "O'Hara & fils" });
    const res = await preview(c.id, t.id);
    expect(res.status).toBe(200);
    expect(res.body.html).toBe(
      'Bonjour &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; O&#39;Hara &amp; fils &amp; &lt;b&gt;merci&lt;/b&gt;',
    );
    expect(res.body.html).not.toContain('<script>');
    expect(res.body.body).toBe('Bonjour <script>alert("x")</script> O\'Hara & fils & <b>merci</b>');
  });

  it('roles and unknown ids: viewer 403, unknown template or customer 404, erased customer 409', async () => {
    const { body: t } = await create(template());
    const c = await createCustomer();
    expect((await preview(c.id, t.id, 'viewer')).status).toBe(403);
    expect((await preview(c.id, t.id, 'technician')).status).toBe(403);
    expect((await preview(c.id, '00000000-0000-4000-8000-000000000000')).status).toBe(404);
    expect((await preview('00000000-0000-4000-8000-000000000000', t.id)).status).toBe(404);
    const bad = await call(previewRoute.POST, { method: 'POST', params: { id: c.id }, auth: auth.manager, body: {} });
    expect(bad.status).toBe(422);
    const admin = actorFor(await createUser('admin'));
    await eraseCustomer(db(), admin, c.id);
    expect((await preview(c.id, t.id)).status).toBe(409);
  });
});

function formOf(fields: Record<string, string>) {
  const fd = new FormData();
  for (const [k, v] of Object.entries(fields)) fd.set(k, v);
  return fd;
}

describe('template server actions (the templates page)', () => {
  it('same role check and validation as the API', async () => {
    const before = await templateCount();
    current = actorFor(await createUser('technician'));
    const refused = await createEmailTemplateAction(initialActionState, formOf(template()));
    expect(refused.ok).toBe(false);
    current = actorFor(await createUser('manager'));
    const invalid = await createEmailTemplateAction(initialActionState, formOf(template({ body: '{{client.foo}}' })));
    expect(invalid.ok).toBe(false);
    expect(invalid.fieldErrors?.body?.[0]).toMatch(/Variable inconnue/);
    expect(await templateCount()).toBe(before);
    const ok = await createEmailTemplateAction(initialActionState, formOf(template({ name: 'Depuis la page' })));
    expect(ok).toMatchObject({ ok: true, message: 'Modèle « Depuis la page » créé.' });
    expect(await templateCount()).toBe(before + 1);
  });
});
