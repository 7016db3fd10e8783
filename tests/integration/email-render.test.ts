import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it, vi } from 'vitest';
import { getDb } from '@/db';
import { actorFor, createCustomer, createUser, createVehicle } from '../factories';
import { insertOutboxEmail } from '../factories/consents';

vi.mock('@/lib/auth/session', async () => (await import('@/tests/factories/session-mock')).sessionMock(() => null));
vi.mock('next/cache', () => ({ revalidatePath: vi.fn() }));

const { OutboxList } = await import('@/components/email/outbox-list');
const { EmailTemplatesManager } = await import('@/components/email/templates-manager');
const { SendEmailForm } = await import('@/components/email/send-email-form');
const { listCustomerEmails } = await import('@/lib/email/queries');
const { createEmailTemplate } = await import('@/lib/email/templates');
const { loadEmailTemplatesPage } = await import('@/lib/email/template-values');

/** The outbox, the templates page and the send form as the browser receives them (server render). */
describe('e-mail screens', () => {
  it('outbox: statuses in French with the reason, « Réessayer » only on failed rows and for senders', async () => {
    const c = await createCustomer();
    await insertOutboxEmail(c.id, { subject: 'Envoyé ok', status: 'sent', sentAt: new Date() });
    await insertOutboxEmail(c.id, { subject: 'En attente', status: 'queued' });
    await insertOutboxEmail(c.id, { subject: 'Refusé', status: 'blocked', error: 'Envoi refusé : retrait' });
    await insertOutboxEmail(c.id, { subject: 'Rebond', status: 'failed', error: '550 Mailbox unavailable' });
    const page = await listCustomerEmails(getDb(), c.id, { limit: 20 });
    const render = (canRetry: boolean) =>
      renderToStaticMarkup(
        createElement(OutboxList, { customerId: c.id, page, isFirstPage: true, smtpConfigured: true, canRetry }),
      );
    const html = render(true);
    for (const label of ['Envoyé', 'En file', 'Bloqué', 'Échec', '550 Mailbox unavailable', 'Envoi refusé : retrait'])
      expect(html).toContain(label);
    expect(html.match(/>Réessayer</g)).toHaveLength(1);
    expect(html).toContain('aria-label="Réessayer l’envoi\u202f: Rebond"');
    expect(render(false)).not.toContain('Réessayer');
  });

  it('templates page: the list, and the editor’s live preview with the sample customer’s values', async () => {
    const manager = actorFor(await createUser('manager', { name: 'Paul Henry' }));
    const c = await createCustomer({ firstName: 'Nora', lastName: 'Vidal' });
    await createVehicle(c.id, { plate: 'KL-123-MN', make: 'Dacia', model: 'Sandero' });
    const empty = await loadEmailTemplatesPage(manager);
    expect(empty.sample?.values['expediteur.nom']).toBe('Paul Henry');
    // No template yet: the editor is open for the first one, previewing with a real customer.
    const first = renderToStaticMarkup(createElement(EmailTemplatesManager, empty));
    expect(first).toContain('Nouveau modèle');
    expect(first).toContain(`Avec les valeurs du client ${empty.sample!.name}.`);
    expect(first).toContain('{{client.nom}}');

    await createEmailTemplate(getDb(), manager, {
      name: 'Relance <CT>',
      subject: 'CT de {{vehicule.immatriculation}}',
      body: 'Bonjour {{client.nom}}',
      purpose: 'marketing',
    });
    const loaded = await loadEmailTemplatesPage(manager);
    const html = renderToStaticMarkup(createElement(EmailTemplatesManager, loaded));
    expect(html).toContain('Relance &lt;CT&gt;');
    expect(html).toContain('Prospection commerciale');
    expect(html).toContain('aria-label="Modifier le modèle Relance &lt;CT&gt;"');
  });

  it('send form: « Modèle » lists the templates and links to their page for those who edit them', async () => {
    const html = renderToStaticMarkup(
      createElement(SendEmailForm, {
        customerId: '00000000-0000-4000-8000-000000000001',
        to: 'client@exemple.fr',
        consentByPurpose: {},
        templates: [{ id: '00000000-0000-4000-8000-000000000002', name: 'Rappel rendez-vous' }],
        templatesHref: '/modeles-e-mail',
      }),
    );
    expect(html).toContain('Aucun (texte libre)');
    expect(html).toContain('>Rappel rendez-vous</option>');
    expect(html).toContain('href="/modeles-e-mail"');
  });
});
