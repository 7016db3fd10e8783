import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { getDb } from '@/db';
import { interventions, invoices } from '@/db/schema';
import type { ActionState } from '@/lib/actions';
import type { Actor } from '@/lib/auth/actor';
import type { InterventionActionData } from '@/lib/interventions/actions';
import { actorFor, createCustomer, createUser, createVehicle } from '../factories';

// The session is mocked (the database never is): the action sees this actor.
let current: Actor | null = null;
vi.mock('@/lib/auth/session', async () => (await import('@/tests/factories/session-mock')).sessionMock(() => current));
vi.mock('next/cache', () => ({ revalidatePath: vi.fn() }));

const {
  planInterventionAction,
  startInterventionAction,
  saveInterventionReportAction,
  completeInterventionAction,
  cancelInterventionAction,
  invoiceInterventionAction,
  reassignInterventionAction,
} = await import('@/lib/interventions/actions');

const initial: ActionState<InterventionActionData> = { ok: false, message: '' };
const form = (values: Record<string, string>) => {
  const fd = new FormData();
  for (const [k, v] of Object.entries(values)) fd.append(k, v);
  return fd;
};

let manager: Actor;
let tech: Actor;
let otherTech: Actor;
let customer: { id: string };
let vehicle: { id: string };

beforeAll(async () => {
  manager = actorFor(await createUser('manager'));
  tech = actorFor(await createUser('technician'));
  otherTech = actorFor(await createUser('technician'));
  customer = await createCustomer();
  vehicle = await createVehicle(customer.id, { mileage: 10_000 });
});

async function planned(extra: Record<string, string> = {}) {
  current = manager;
  const res = await planInterventionAction(
    customer.id,
    initial,
    form({
      kind: 'repair',
      scheduledAt: '2026-05-04T08:00',
      durationMinutes: '90',
      vehicleId: vehicle.id,
      technicianId: tech.id!,
      ...extra,
    }),
  );
  expect(res.ok, res.message).toBe(true);
  return res.data!;
}

describe('the forms’ server actions', () => {
  it('plan → start → report (lines as one JSON field) → "Terminer" → invoice', async () => {
    const iv = await planned();
    const [row] = await getDb().select().from(interventions).where(eq(interventions.id, iv.id));
    expect(row.durationMinutes).toBe(90);
    expect(row.scheduledAt.toISOString()).toBe('2026-05-04T06:00:00.000Z');
    expect(row.city).toBe('Lyon');

    current = tech;
    const started = await startInterventionAction(customer.id, iv.id, initial, form({ updatedAt: iv.updatedAt }));
    expect(started.ok, started.message).toBe(true);

    current = manager; // prices typed by a manager in the report form
    const lines = JSON.stringify([{ label: 'Plaquettes', quantity: '2', unitPriceHtCents: 4550, vatRateBp: 2000 }]);
    const saved = await saveInterventionReportAction(
      customer.id,
      iv.id,
      initial,
      form({ updatedAt: started.data!.updatedAt, workDone: 'Freins', odometerKm: '10 500', noChargeField: '1', lines }),
    );
    expect(saved.ok, saved.message).toBe(true);

    current = tech;
    const finished = await saveInterventionReportAction(
      customer.id,
      iv.id,
      initial,
      form({ updatedAt: saved.data!.updatedAt, workDone: 'Freins AV', noChargeField: '1', lines, intent: 'complete' }),
    );
    expect(finished.ok, finished.message).toBe(true);
    expect(finished.data!.status).toBe('done');

    current = manager;
    const billed = await invoiceInterventionAction(customer.id, iv.id, initial, form({}));
    expect(billed.ok, billed.message).toBe(true);
    expect(billed.message).toMatch(/^Facture F-/);
    const [after] = await getDb().select().from(interventions).where(eq(interventions.id, iv.id));
    const [invoice] = await getDb().select().from(invoices).where(eq(invoices.id, after.invoiceId!));
    expect([invoice.totalHtCents, invoice.totalTtcCents]).toEqual([9100, 10920]);
    expect(after.odometerKm).toBe(10_500);
  });

  it('« Terminer » with « Envoyer le rapport » says what became of the e-mail (no address: not sent, done anyway)', async () => {
    const iv = await planned();
    current = tech;
    await startInterventionAction(customer.id, iv.id, initial, form({}));
    const noAddress = await createCustomer({ email: null });
    const moved = await getDb()
      .update(interventions)
      .set({ customerId: noAddress.id, vehicleId: null })
      .where(eq(interventions.id, iv.id))
      .returning();
    const lines = JSON.stringify([{ label: 'Contrôle', quantity: '1' }]);
    const finished = await saveInterventionReportAction(
      noAddress.id,
      iv.id,
      initial,
      form({
        updatedAt: moved[0].updatedAt.toISOString(),
        workDone: 'Contrôle fait',
        noChargeField: '1',
        noCharge: 'on',
        lines,
        intent: 'complete',
        sendReport: 'on',
      }),
    );
    expect(finished.ok, finished.message).toBe(true);
    expect(finished.data!.status).toBe('done');
    expect(finished.message).toMatch(/Rapport non envoyé au client/);
  });

  it('refusals come back as messages and field errors, never as a thrown error', async () => {
    const iv = await planned();
    current = otherTech;
    const notMine = await startInterventionAction(customer.id, iv.id, initial, form({}));
    expect(notMine).toMatchObject({ ok: false, message: expect.stringMatching(/assignées/) });

    current = tech;
    await startInterventionAction(customer.id, iv.id, initial, form({}));
    const incomplete = await completeInterventionAction(customer.id, iv.id, initial, form({}));
    expect(incomplete.ok).toBe(false);
    expect(Object.keys(incomplete.fieldErrors ?? {}).sort()).toEqual(['lines', 'workDone']);

    const priced = await saveInterventionReportAction(
      customer.id,
      iv.id,
      initial,
      form({ lines: JSON.stringify([{ label: 'Pneu', quantity: '1', unitPriceHtCents: 9900, vatRateBp: 2000 }]) }),
    );
    expect(priced).toMatchObject({ ok: false, message: expect.stringMatching(/Prix non autorisé/) });
    const badLine = await saveInterventionReportAction(
      customer.id,
      iv.id,
      initial,
      form({ lines: JSON.stringify([{ label: '', quantity: '0', vatRateBp: 2000 }]) }),
    );
    expect(Object.keys(badLine.fieldErrors ?? {}).sort()).toEqual(['lines.0.label', 'lines.0.quantity']);
    // A NUL inside the JSON of the lines is a field error (PostgreSQL cannot store it), not a 500.
    const nul = await saveInterventionReportAction(
      customer.id,
      iv.id,
      initial,
      form({ lines: JSON.stringify([{ label: 'Joint\u0000', quantity: '1', vatRateBp: 2000 }]) }),
    );
    expect(nul.fieldErrors).toEqual({ 'lines.0.label': ['Caractère interdit (U+0000 ou Unicode invalide).'] });

    const cancelByTech = await cancelInterventionAction(customer.id, iv.id, initial, form({ reason: 'Absent' }));
    expect(cancelByTech.ok).toBe(false);
    current = manager;
    const noReason = await cancelInterventionAction(customer.id, iv.id, initial, form({}));
    expect(noReason.fieldErrors?.reason).toBeDefined();
    const cancelled = await cancelInterventionAction(customer.id, iv.id, initial, form({ reason: 'Client absent' }));
    expect(cancelled.data?.status).toBe('cancelled');
  });

  it('the planning reassigns (or unassigns) with the version it shows; a stale one is refused', async () => {
    const iv = await planned();
    current = manager;
    const moved = await reassignInterventionAction(
      customer.id,
      iv.id,
      initial,
      form({ technicianId: otherTech.id!, updatedAt: iv.updatedAt }),
    );
    expect(moved.ok, moved.message).toBe(true);
    const stale = await reassignInterventionAction(
      customer.id,
      iv.id,
      initial,
      form({ technicianId: '', updatedAt: iv.updatedAt }),
    );
    expect(stale).toMatchObject({ ok: false, message: expect.stringMatching(/modifiée/) });
    const none = await reassignInterventionAction(
      customer.id,
      iv.id,
      initial,
      form({ technicianId: '', updatedAt: moved.data!.updatedAt }),
    );
    expect(none.ok, none.message).toBe(true);
    const [row] = await getDb().select().from(interventions).where(eq(interventions.id, iv.id));
    expect(row.technicianId).toBeNull();
  });
});
