import { renderToStaticMarkup } from 'react-dom/server';
import { beforeAll, describe, expect, it } from 'vitest';
import { ActivityTab } from '@/components/customers/tabs/activity-tab';
import { RecentActivityBlock } from '@/components/customers/dashboard-360/blocks';
import { getDb } from '@/db';
import type { Actor } from '@/lib/auth/actor';
import { correctActivity, deleteActivity } from '@/lib/activity/corrections';
import { createManualActivity } from '@/lib/activity/mutations';
import { recordConsent } from '@/lib/consents/mutations';
import { uploadDocument } from '@/lib/documents/mutations';
import { updateDocument } from '@/lib/documents/update';
import { consentRecordSchema } from '@/lib/consents/schema';
import { toggleCustomerStatus, updateCustomer } from '@/lib/customers/mutations';
import { createInvoice, recordPayment } from '@/lib/finances/mutations';
import { invoiceCreateSchema, paymentCreateSchema } from '@/lib/finances/schema';
import { cancelIntervention, createIntervention, startIntervention } from '@/lib/interventions/mutations';
import { interventionCreateSchema } from '@/lib/interventions/schema';
import { createTask, updateTask } from '@/lib/tasks/mutations';
import { insertInvoice } from '../factories/finances';
import { actorFor, createCustomer, createUser, createVehicle } from '../factories';

/**
 * The Activity tab and the 360 summary as the browser receives them, for a customer whose history
 * was written by the real mutations: no id, cents value, camelCase key or stored code shows.
 */
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;
const text = (html: string) =>
  html
    .replace(/<(script|style)[^>]*>[\s\S]*?<\/\1>/g, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#x27;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ');

let customerId: string;
let viewerActor: Actor;
beforeAll(async () => {
  const db = getDb();
  const manager: Actor = actorFor(await createUser('manager'));
  viewerActor = manager;
  const customer = await createCustomer();
  customerId = customer.id;
  const vehicle = await createVehicle(customerId, { plate: 'GH-456-JK' });
  const invoice = await createInvoice(
    db,
    manager,
    customerId,
    invoiceCreateSchema.parse({
      number: `F-2025-${Date.now() % 100000}`,
      issuedAt: '2025-03-01T09:00:00Z',
      dueAt: '2025-03-31T09:00:00Z',
      totalHtCents: 5139,
      vatCents: 1028,
    }),
  );
  await recordPayment(
    db,
    manager,
    customerId,
    paymentCreateSchema.parse({
      invoiceId: invoice.id,
      amountCents: 6167,
      method: 'cash',
      paidAt: '2025-03-02T10:00:00Z',
    }),
  );
  await recordConsent(
    db,
    manager,
    customerId,
    consentRecordSchema.parse({
      purpose: 'marketing',
      channel: 'sms',
      granted: true,
      source: 'paper-form',
      textVersion: 'v2024-01',
    }),
  );
  const planned = await createIntervention(
    db,
    manager,
    customerId,
    interventionCreateSchema.parse({
      kind: 'diagnostic',
      scheduledAt: new Date(Date.now() + 86_400_000).toISOString(),
      vehicleId: vehicle.id,
      technicianId: manager.id,
    }),
  );
  const started = await startIntervention(db, manager, customerId, planned.id);
  const other = await createIntervention(
    db,
    manager,
    customerId,
    interventionCreateSchema.parse({ kind: 'tyres', scheduledAt: new Date(Date.now() + 2 * 86_400_000).toISOString() }),
  );
  await cancelIntervention(db, manager, customerId, other.id, {
    reason: 'Client absent',
    updatedAt: new Date(other.updatedAt),
  });
  await updateCustomer(db, manager, customerId, {
    city: 'Villeurbanne',
    mobile: '+33312546029',
    updatedAt: customer.updatedAt,
  } as never);
  // Tasks: created with an assignee, linked intervention and invoice; edited; completed; reopened.
  const technician = await createUser('technician');
  const linkedInvoice = await insertInvoice(customerId);
  const task = await createTask(db, manager, customerId, {
    title: 'Rappeler pour le devis',
    dueDate: '2025-03-20',
    assigneeId: technician.id,
    interventionId: planned.id,
    invoiceId: linkedInvoice.id,
  });
  await updateTask(db, manager, customerId, task.id, {
    dueDate: '2025-03-27',
    assigneeId: manager.id,
    title: 'Relancer',
  });
  await updateTask(db, manager, customerId, task.id, { completed: true });
  await updateTask(db, manager, customerId, task.id, { completed: false });
  await toggleCustomerStatus(db, manager, customerId);
  // Corrections and deletions of manual entries, and a document edit (their trace rows must read in words too).
  const call = await createManualActivity(db, manager, customerId, { type: 'call', title: 'Appel devis' });
  await correctActivity(db, manager, customerId, call.id, {
    type: 'visit',
    title: 'Visite devis',
    description: 'Sur place.',
  });
  const slip = await createManualActivity(db, manager, customerId, { type: 'other', title: 'Saisie par erreur' });
  await deleteActivity(db, manager, customerId, slip.id);
  const doc = await uploadDocument(db, manager, customerId, {
    body: new Uint8Array(Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n')),
    originalName: 'scan_0001.pdf',
    category: 'other',
  });
  await updateDocument(db, manager, customerId, doc.id, {
    originalName: 'Devis',
    category: 'quote',
    minRole: 'technician',
  });
  expect(started.status).toBe('in_progress');
});

function expectReadable(html: string) {
  const t = text(html);
  expect(t).not.toMatch(UUID);
  expect(t).not.toMatch(/cents/i);
  expect(t).not.toMatch(/\b[a-z]+[A-Z][A-Za-z]*\b/);
  for (const code of [
    'cash',
    'diagnostic',
    'tyres',
    'planned',
    'in_progress',
    'marketing',
    'sms',
    'paper-form',
    'inactive',
  ])
    expect(t).not.toMatch(new RegExp(`(^|[\\s:(])${code}($|[\\s,.)])`));
  return t;
}

describe('Activity tab and 360 summary HTML', () => {
  it('renders every entry in words', async () => {
    const tree = await ActivityTab({
      customerId,
      viewer: viewerActor,
      searchParams: {},
      abilities: { activityCreate: false, taskWrite: false },
    });
    const html = renderToStaticMarkup(tree);
    expect(html.match(/data-testid="activity-entry"/g)?.length).toBeGreaterThanOrEqual(13);
    const t = expectReadable(html);
    expect(t).toContain('Moyen de paiement : Espèces');
    expect(t).toContain('Type d’intervention : Diagnostic');
    expect(t).toContain('Canal : SMS');
    expect(t).toContain('Décision : accordé');
    expect(t).toContain('Statut : Actif → Inactif');
    expect(t).toContain('Mobile : — → 03 12 54 60 29');
    expect(t).not.toContain('Type de client : diagnostic');
    expect(t).toContain('Tâche ajoutée');
    expect(t).toContain('Échéance : 20/03/2025');
    expect(t).toContain('Échéance : 20/03/2025 → 27/03/2025');
    expect(t).toMatch(/Assignée à : technician \d+ → manager \d+/);
    expect(t).toContain('Titre précédent : Rappeler pour le devis');
    expect(t).toContain('Intervention : voir l’intervention');
    expect(t).toMatch(/Facture : T-\d+-/);
    expect(t).toContain('Tâche terminée');
    expect(t).toContain('Tâche rouverte');
    expect(t).toContain('Activité corrigée : Visite devis');
    expect(t).toContain('Titre avant correction : Appel devis');
    expect(t).toContain('Type avant correction : appel');
    expect(t).toMatch(/corrigée le \d/);
    expect(t).toContain('Activité supprimée : Saisie par erreur');
    expect(t).toContain('Titre supprimé : Saisie par erreur');
    expect(t).toContain('Nom : scan_0001.pdf → Devis.pdf');
    expect(t).toContain('Visible à partir de : Lecture seule → Technicien');
    // The corrected manual entry (the manager may change it) has its menu; the trace entries do not.
    expect(html.match(/aria-label="Actions sur l’activité/g)?.length).toBe(1);
  });

  it('the 360 recent-activity block too', async () => {
    const html = renderToStaticMarkup(await RecentActivityBlock({ customerId, role: 'manager' }));
    expectReadable(html);
  });
});
