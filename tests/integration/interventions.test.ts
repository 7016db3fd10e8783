import { createHash } from 'node:crypto';
import { and, count, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '@/db';
import { customerActivity, customerDocuments, interventionLines, interventions, invoices, vehicles } from '@/db/schema';
import type { Actor } from '@/lib/auth/actor';
import { AppError } from '@/lib/errors';
import { resetEnvCache } from '@/lib/env';
import { completeIntervention } from '@/lib/interventions/complete';
import { addInterventionPhoto, saveInterventionSignature } from '@/lib/interventions/documents';
import { invoiceIntervention } from '@/lib/interventions/invoice';
import {
  cancelIntervention,
  createIntervention,
  reassignIntervention,
  saveInterventionReport,
  startIntervention,
  updateIntervention,
} from '@/lib/interventions/mutations';
import { getIntervention } from '@/lib/interventions/queries';
import { interventionCreateSchema, interventionInvoiceSchema } from '@/lib/interventions/schema';
import { getStorage } from '@/lib/storage';
import { actorFor, createCustomer, createUser, createVehicle } from '@/tests/factories';
import { samples } from '@/tests/factories/documents';

let manager: Actor;
let admin: Actor;
let tech: Actor;
let otherTech: Actor;
let viewer: Actor;
let customerA: { id: string };
let customerB: { id: string };
let vehicleA: { id: string };
let vehicleB: { id: string };

async function failure(promise: Promise<unknown>): Promise<AppError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected the call to fail');
}

const plan = (overrides: Record<string, unknown> = {}) =>
  interventionCreateSchema.parse({
    kind: 'maintenance',
    scheduledAt: '2026-03-12T09:30',
    vehicleId: vehicleA.id,
    technicianId: tech.id,
    ...overrides,
  });

async function planned(overrides: Record<string, unknown> = {}) {
  return createIntervention(getDb(), manager, customerA.id, plan(overrides));
}

async function started(overrides: Record<string, unknown> = {}) {
  const iv = await planned(overrides);
  return startIntervention(getDb(), tech, customerA.id, iv.id);
}

const activitiesOf = (interventionId: string) =>
  getDb()
    .select()
    .from(customerActivity)
    .where(and(eq(customerActivity.relatedType, 'intervention'), eq(customerActivity.relatedId, interventionId)));

beforeAll(async () => {
  manager = actorFor(await createUser('manager', { name: 'Julien Moreau' }));
  admin = actorFor(await createUser('admin'));
  tech = actorFor(await createUser('technician', { name: 'Karim Benali' }));
  otherTech = actorFor(await createUser('technician', { name: 'Léa Petit' }));
  viewer = actorFor(await createUser('viewer'));
  customerA = await createCustomer({ addressLine1: '3 rue des Lilas', postalCode: '69003', city: 'Lyon' });
  customerB = await createCustomer();
  vehicleA = await createVehicle(customerA.id, { mileage: 45_000 });
  vehicleB = await createVehicle(customerB.id);
});

describe('planning', () => {
  it('a manager plans an intervention: customer address by default, activity in the same transaction', async () => {
    const iv = await planned({ description: 'Bruit au freinage' });
    expect(iv).toMatchObject({
      status: 'planned',
      kind: 'maintenance',
      technicianId: tech.id,
      vehicleId: vehicleA.id,
      addressLine1: '3 rue des Lilas',
      postalCode: '69003',
      city: 'Lyon',
      durationMinutes: 60,
      totalHtCents: 0,
      lines: [],
    });
    // "2026-03-12T09:30" is Paris wall-clock time (UTC+1 in March before the change).
    expect(iv.scheduledAt.toISOString()).toBe('2026-03-12T08:30:00.000Z');
    const [activity] = await activitiesOf(iv.id);
    expect(activity).toMatchObject({ type: 'intervention', customerId: customerA.id, actorId: manager.id });
    expect(activity.title).toBe('Intervention planifiée : Entretien le 12/03/2026 à 09:30');
  });

  it('only managers and admins plan; a vehicle of another customer is a 404; an unknown technician a 422', async () => {
    expect((await failure(createIntervention(getDb(), tech, customerA.id, plan()))).status).toBe(403);
    expect((await failure(createIntervention(getDb(), viewer, customerA.id, plan()))).status).toBe(403);
    expect((await failure(planned({ vehicleId: vehicleB.id }))).status).toBe(404);
    const unknown = await failure(planned({ technicianId: '00000000-0000-4000-8000-000000000000' }));
    expect(unknown.status).toBe(422);
    expect(unknown.fields?.technicianId).toBeDefined();
    expect((await createIntervention(getDb(), admin, customerA.id, plan())).status).toBe('planned');
  });

  it('an erased customer gets no new intervention (409); an unknown one is a 404', async () => {
    const erased = await createCustomer({ erasedAt: new Date(), lastName: 'Client effacé' });
    expect((await failure(createIntervention(getDb(), manager, erased.id, plan({ vehicleId: null })))).status).toBe(
      409,
    );
    const missing = '00000000-0000-4000-8000-000000000001';
    expect((await failure(createIntervention(getDb(), manager, missing, plan({ vehicleId: null })))).status).toBe(404);
  });

  it('PATCH checks updatedAt (409 when stale) and the planning is frozen once started', async () => {
    const iv = await planned();
    const moved = await updateIntervention(getDb(), manager, customerA.id, iv.id, {
      updatedAt: iv.updatedAt,
      scheduledAt: new Date('2026-03-13T08:00:00Z'),
      durationMinutes: 90,
    });
    expect(moved).toMatchObject({ durationMinutes: 90 });
    const stale = await failure(
      updateIntervention(getDb(), manager, customerA.id, iv.id, { updatedAt: iv.updatedAt, durationMinutes: 30 }),
    );
    expect(stale.status).toBe(409);
    const running = await startIntervention(getDb(), tech, customerA.id, iv.id);
    const frozen = await failure(
      updateIntervention(getDb(), manager, customerA.id, iv.id, { updatedAt: running.updatedAt, kind: 'repair' }),
    );
    expect(frozen).toMatchObject({ status: 409, message: expect.stringContaining('déjà démarrée') });
    // Reassigning stays possible while the work is in progress.
    const reassigned = await reassignIntervention(getDb(), manager, customerA.id, iv.id, {
      technicianId: otherTech.id,
      updatedAt: running.updatedAt,
    });
    expect(reassigned.technicianId).toBe(otherTech.id);
    const titles = (await activitiesOf(iv.id)).map((a) => a.title);
    expect(titles).toContain('Intervention réassignée : Léa Petit');
  });
});

describe('status machine (lib level)', () => {
  it('illegal transitions are 409 with the reason, and change nothing', async () => {
    const iv = await planned();
    const early = await failure(completeIntervention(getDb(), tech, customerA.id, iv.id));
    expect(early).toMatchObject({
      status: 409,
      message: 'Intervention non démarrée : démarrez-la avant de la terminer.',
    });
    const notDone = await failure(invoiceIntervention(getDb(), manager, customerA.id, iv.id));
    expect(notDone).toMatchObject({
      status: 409,
      message: 'Intervention non terminée : terminez-la avant de la facturer.',
    });
    await startIntervention(getDb(), tech, customerA.id, iv.id);
    const twice = await failure(startIntervention(getDb(), tech, customerA.id, iv.id));
    expect(twice).toMatchObject({ status: 409, message: 'Intervention déjà démarrée.' });
    const cancelled = await cancelIntervention(getDb(), manager, customerA.id, iv.id, { reason: 'Client absent' });
    expect(cancelled).toMatchObject({ status: 'cancelled', cancelReason: 'Client absent' });
    const again = await failure(startIntervention(getDb(), tech, customerA.id, iv.id));
    expect(again.message).toBe('Intervention annulée : elle ne peut pas être démarrée.');
    const [row] = await getDb().select().from(interventions).where(eq(interventions.id, iv.id));
    expect(row.status).toBe('cancelled');
    expect((await activitiesOf(iv.id)).map((a) => a.title)).toEqual(
      expect.arrayContaining(['Intervention démarrée : Entretien', 'Intervention annulée : Entretien']),
    );
  });

  it('a technician starts, reports and completes only their own assignments (403 otherwise)', async () => {
    const iv = await planned();
    expect((await failure(startIntervention(getDb(), otherTech, customerA.id, iv.id))).status).toBe(403);
    expect((await failure(startIntervention(getDb(), viewer, customerA.id, iv.id))).status).toBe(403);
    await startIntervention(getDb(), tech, customerA.id, iv.id);
    const report = {
      workDone: 'Vidange',
      lines: [{ label: 'Filtre', quantity: '1', unitPriceHtCents: 0, vatRateBp: 2000 }],
    };
    expect((await failure(saveInterventionReport(getDb(), otherTech, customerA.id, iv.id, report))).status).toBe(403);
    expect((await failure(completeIntervention(getDb(), otherTech, customerA.id, iv.id, report))).status).toBe(403);
    expect(
      (
        await failure(
          addInterventionPhoto(getDb(), otherTech, customerA.id, iv.id, { body: samples.png(), originalName: 'a.png' }),
        )
      ).status,
    ).toBe(403);
    // Technicians never cancel.
    expect(
      (await failure(cancelIntervention(getDb(), tech, customerA.id, iv.id, { reason: 'Trop loin' }))).status,
    ).toBe(403);
    // A manager may report on any intervention.
    expect((await saveInterventionReport(getDb(), manager, customerA.id, iv.id, report)).workDone).toBe('Vidange');
  });

  it("another customer's intervention id is a 404 everywhere", async () => {
    const ofB = await createIntervention(getDb(), manager, customerB.id, plan({ vehicleId: vehicleB.id }));
    const calls = [
      () => getIntervention(getDb(), customerA.id, ofB.id, { role: 'admin' }),
      () => startIntervention(getDb(), tech, customerA.id, ofB.id),
      () => cancelIntervention(getDb(), manager, customerA.id, ofB.id, { reason: 'Erreur de saisie' }),
      () =>
        updateIntervention(getDb(), manager, customerA.id, ofB.id, { updatedAt: ofB.updatedAt, durationMinutes: 30 }),
      () => invoiceIntervention(getDb(), manager, customerA.id, ofB.id),
      () => completeIntervention(getDb(), tech, customerA.id, ofB.id),
      () => getIntervention(getDb(), customerA.id, 'not-a-uuid', { role: 'admin' }),
    ];
    for (const call of calls) expect((await failure(call())).status).toBe(404);
    const [row] = await getDb().select().from(interventions).where(eq(interventions.id, ofB.id));
    expect(row.status).toBe('planned');
  });
});

describe('odometer', () => {
  const mileage = async () => (await getDb().select().from(vehicles).where(eq(vehicles.id, vehicleA.id)))[0].mileage;

  it("updates the vehicle's mileage, never backwards unless a manager or admin corrects it", async () => {
    await getDb().update(vehicles).set({ mileage: 45_000 }).where(eq(vehicles.id, vehicleA.id));
    const iv = await started();
    await saveInterventionReport(getDb(), tech, customerA.id, iv.id, { odometerKm: 46_120 });
    expect(await mileage()).toBe(46_120);
    const backwards = await failure(saveInterventionReport(getDb(), tech, customerA.id, iv.id, { odometerKm: 45_900 }));
    expect(backwards.status).toBe(422);
    expect(backwards.fields?.odometerKm?.[0]).toMatch(/ne peut pas diminuer/);
    expect(await mileage()).toBe(46_120);
    const corrected = await saveInterventionReport(getDb(), manager, customerA.id, iv.id, { odometerKm: 45_900 });
    expect(corrected.odometerKm).toBe(45_900);
    expect(await mileage()).toBe(45_900);
    const entries = await activitiesOf(iv.id);
    const correction = entries.find((a) => (a.metadata as { mileageDecreased?: boolean }).mileageDecreased);
    expect(correction).toMatchObject({ actorId: manager.id });
    expect(correction!.metadata).toMatchObject({ mileage: { vehicleId: vehicleA.id, from: 46_120, to: 45_900 } });
  });

  it('needs a vehicle', async () => {
    const iv = await started({ vehicleId: null });
    const error = await failure(saveInterventionReport(getDb(), tech, customerA.id, iv.id, { odometerKm: 1000 }));
    expect(error.status).toBe(422);
  });
});

describe('prices set by technicians', () => {
  it('a technician uses the prices a manager gave, or 0 (to be priced); INTERVENTION_TECH_PRICING=1 lifts it', async () => {
    const iv = await planned({
      lines: [{ label: 'Forfait vidange', quantity: 1, unitPriceHtCents: 8900, vatRateBp: 2000 }],
    });
    await startIntervention(getDb(), tech, customerA.id, iv.id);
    const given = { label: 'forfait  VIDANGE', quantity: '1', unitPriceHtCents: 8900, vatRateBp: 2000 };
    const unpriced = { label: 'Essuie-glace', quantity: '2.00', unitPriceHtCents: 0, vatRateBp: 2000 };
    const ok = await saveInterventionReport(getDb(), tech, customerA.id, iv.id, { lines: [given, unpriced] });
    expect(ok.lines.map((l) => [l.label, l.unitPriceHtCents])).toEqual([
      ['forfait  VIDANGE', 8900],
      ['Essuie-glace', 0],
    ]);
    expect(ok.totalHtCents).toBe(8900);
    const invented = { label: 'Essuie-glace', quantity: '2.00', unitPriceHtCents: 1500, vatRateBp: 2000 };
    const refused = await failure(
      saveInterventionReport(getDb(), tech, customerA.id, iv.id, { lines: [given, invented] }),
    );
    expect(refused).toMatchObject({ status: 403, message: expect.stringContaining('Essuie-glace') });
    process.env.INTERVENTION_TECH_PRICING = '1';
    resetEnvCache();
    try {
      const priced = await saveInterventionReport(getDb(), tech, customerA.id, iv.id, { lines: [given, invented] });
      expect(priced.totalHtCents).toBe(8900 + 3000);
    } finally {
      delete process.env.INTERVENTION_TECH_PRICING;
      resetEnvCache();
    }
  });
});

describe('completion, report and invoice', () => {
  it('"Terminer" requires the work done and a line or "no charge" (422)', async () => {
    const iv = await started();
    const error = await failure(completeIntervention(getDb(), tech, customerA.id, iv.id));
    expect(error.status).toBe(422);
    expect(Object.keys(error.fields ?? {}).sort()).toEqual(['lines', 'workDone']);
    const free = await completeIntervention(getDb(), tech, customerA.id, iv.id, {
      workDone: 'Contrôle des niveaux, offert',
      noCharge: true,
    });
    expect(free).toMatchObject({ status: 'done', noCharge: true, totalHtCents: 0 });
    const noInvoice = await failure(invoiceIntervention(getDb(), manager, customerA.id, iv.id));
    expect(noInvoice).toMatchObject({ status: 409, message: 'Intervention sans frais : rien à facturer.' });
  });

  it('completes with a PDF report stored as a document, in one transaction with both activities; marks RFM stale', async () => {
    const iv = await started();
    const png = `data:image/png;base64,${samples.png().toString('base64')}`;
    const signature = await saveInterventionSignature(getDb(), tech, customerA.id, iv.id, png);
    const photo = await addInterventionPhoto(getDb(), tech, customerA.id, iv.id, {
      body: samples.png(),
      originalName: 'avant.png',
      description: 'Avant travaux',
    });
    const staleBefore = (globalThis as { __c360RfmStaleBefore?: number }).__c360RfmStaleBefore ?? 0;
    const done = await completeIntervention(getDb(), tech, customerA.id, iv.id, {
      workDone: 'Vidange et filtres, contrôle des freins',
      odometerKm: 47_000,
      lines: [
        { label: 'Main-d’œuvre', quantity: '1.50', unitPriceHtCents: 0, vatRateBp: 2000 },
        { label: 'Filtre à huile', quantity: '1.00', unitPriceHtCents: 0, vatRateBp: 2000 },
      ],
    });
    expect(done).toMatchObject({ status: 'done', signatureDocumentId: signature.id, odometerKm: 47_000 });
    expect(done.completedAt).toBeInstanceOf(Date);
    expect((globalThis as { __c360RfmStaleBefore?: number }).__c360RfmStaleBefore).toBeGreaterThan(staleBefore);
    const [report] = await getDb()
      .select()
      .from(customerDocuments)
      .where(eq(customerDocuments.id, done.reportDocumentId!));
    expect(report).toMatchObject({ category: 'report', mimeType: 'application/pdf', customerId: customerA.id });
    const stored = await getStorage();
    const chunks: Buffer[] = [];
    for await (const chunk of await stored.get(report.storageKey)) chunks.push(Buffer.from(chunk));
    const bytes = Buffer.concat(chunks);
    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(report.sha256);
    expect(Number(report.sizeBytes)).toBe(bytes.length);
    const documentActivity = await getDb()
      .select()
      .from(customerActivity)
      .where(and(eq(customerActivity.relatedType, 'document'), eq(customerActivity.relatedId, report.id)));
    expect(documentActivity).toHaveLength(1);
    expect((await activitiesOf(iv.id)).map((a) => a.title)).toContain('Intervention terminée : Entretien');
    const detail = await getIntervention(getDb(), customerA.id, iv.id, { role: 'viewer' });
    expect(detail.photos.map((p) => p.id)).toEqual([photo.id]);
    expect(detail.technician).toEqual({ id: tech.id, name: 'Karim Benali' });
    expect(detail.lines.map((l) => l.quantity)).toEqual([1.5, 1]);
  });

  it('a photo must be an image: anything else is a 415 and leaves neither row nor file', async () => {
    const iv = await started();
    const before = (await getDb().select({ n: count() }).from(customerDocuments))[0].n;
    const error = await failure(
      addInterventionPhoto(getDb(), tech, customerA.id, iv.id, { body: samples.pdf(), originalName: 'photo.pdf' }),
    );
    expect(error.status).toBe(415);
    expect((await getDb().select({ n: count() }).from(customerDocuments))[0].n).toBe(before);
    const bad = await failure(
      saveInterventionSignature(getDb(), tech, customerA.id, iv.id, 'data:image/svg+xml;base64,PHN2Zz4='),
    );
    expect(bad.status).toBe(422);
  });

  it('invoices from the lines, computed by the server (a client total is ignored), numbered in the series', async () => {
    const iv = await planned({
      lines: [
        { label: 'Main-d’œuvre', quantity: '1,5', unitPriceHtCents: 6500, vatRateBp: 2000 },
        { label: 'Filtre à huile', quantity: 2, unitPriceHtCents: 1290, vatRateBp: 2000 },
        { label: 'Lave-glace', quantity: 1, unitPriceHtCents: 333, vatRateBp: 1000 },
      ],
    });
    await startIntervention(getDb(), tech, customerA.id, iv.id);
    await completeIntervention(getDb(), tech, customerA.id, iv.id, { workDone: 'Vidange' });
    // The client sends totals along: the schema drops them and the server recomputes.
    const input = interventionInvoiceSchema.parse({ totalHtCents: 1, vatCents: 0, totalTtcCents: 1 });
    expect(input).toEqual({});
    const { intervention, invoice } = await invoiceIntervention(getDb(), manager, customerA.id, iv.id, {
      ...input,
      totalHtCents: 1,
    } as typeof input);
    // 9750 + 2580 + 333 HT; VAT 1950 + 516 + 33.3→33.
    expect(invoice).toMatchObject({
      totalHtCents: 12_663,
      vatCents: 2_499,
      totalTtcCents: 15_162,
      interventionId: iv.id,
    });
    expect(intervention).toMatchObject({
      status: 'invoiced',
      invoiceId: invoice.id,
      totalHtCents: 12_663,
      totalTtcCents: 15_162,
    });
    const year = new Intl.DateTimeFormat('en', { timeZone: 'Europe/Paris', year: 'numeric' }).format(new Date());
    expect(invoice.number).toMatch(new RegExp(`^F-${year}-\\d{6}$`));
    // The invoice activity carries the amounts (finance roles only); the intervention one does not.
    const invoiceActivity = await getDb()
      .select()
      .from(customerActivity)
      .where(and(eq(customerActivity.relatedType, 'invoice'), eq(customerActivity.relatedId, invoice.id)));
    expect(invoiceActivity).toHaveLength(1);
    const mine = (await activitiesOf(iv.id)).find((a) => a.title.startsWith('Intervention facturée'))!;
    expect(mine.metadata).toMatchObject({ invoiceId: invoice.id, invoiceNumber: invoice.number });
    for (const a of await activitiesOf(iv.id)) expect(JSON.stringify(a.metadata)).not.toMatch(/Cents/);
    const again = await failure(invoiceIntervention(getDb(), manager, customerA.id, iv.id));
    expect(again).toMatchObject({ status: 409, message: 'Intervention déjà facturée.' });
    // Technicians and viewers never invoice.
    const other = await started({ lines: [{ label: 'Forfait', quantity: 1, unitPriceHtCents: 100, vatRateBp: 2000 }] });
    await completeIntervention(getDb(), tech, customerA.id, other.id, { workDone: 'Fait' });
    expect((await failure(invoiceIntervention(getDb(), tech, customerA.id, other.id))).status).toBe(403);
    const next = await invoiceIntervention(getDb(), admin, customerA.id, other.id);
    const seq = (n: string) => Number(n.split('-').at(-1));
    expect(seq(next.invoice.number)).toBe(seq(invoice.number) + 1);
  });

  it('a zero amount is refused (422): the lines must be priced first', async () => {
    const iv = await started();
    await completeIntervention(getDb(), tech, customerA.id, iv.id, {
      workDone: 'Remplacement essuie-glaces',
      lines: [{ label: 'Essuie-glace', quantity: '2', unitPriceHtCents: 0, vatRateBp: 2000 }],
    });
    const error = await failure(invoiceIntervention(getDb(), manager, customerA.id, iv.id));
    expect(error.status).toBe(422);
    expect((await getDb().select({ n: count() }).from(invoices).where(eq(invoices.interventionId, iv.id)))[0].n).toBe(
      0,
    );
  });
});

describe('activity in the same transaction', () => {
  it('a failing activity insert rolls back the intervention change', async () => {
    const broken = { ...manager, name: null as unknown as string };
    const before = (await getDb().select({ n: count() }).from(interventions))[0].n;
    await expect(createIntervention(getDb(), broken, customerA.id, plan())).rejects.toThrow();
    expect((await getDb().select({ n: count() }).from(interventions))[0].n).toBe(before);

    const iv = await planned({ lines: [{ label: 'Pièce', quantity: 1, unitPriceHtCents: 500, vatRateBp: 2000 }] });
    await expect(
      startIntervention(getDb(), { ...tech, name: null as unknown as string }, customerA.id, iv.id),
    ).rejects.toThrow();
    const [row] = await getDb().select().from(interventions).where(eq(interventions.id, iv.id));
    expect(row).toMatchObject({ status: 'planned', startedAt: null });
    const lineCount = (
      await getDb().select({ n: count() }).from(interventionLines).where(eq(interventionLines.interventionId, iv.id))
    )[0].n;
    expect(lineCount).toBe(1);
    expect(await activitiesOf(iv.id)).toHaveLength(1);
  });
});
