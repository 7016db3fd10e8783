import type { InterventionKind } from '@/db/schema/enums';
import { computeTotals } from '@/lib/interventions/totals';
import { activity, atWorkingHour, DAY, type CustomerDraft, type DemoStaff } from './demo-customers';
import type { CustomerHistory, InterventionRow, LineRow } from './demo-history';
import {
  CANCEL_REASONS,
  draftLines,
  KIND_DESCRIPTIONS,
  KIND_LABELS,
  KIND_WEIGHTS,
  type LineDraft,
  odometerAt,
} from './demo-interventions';
import type { Rng } from './random';

const withId = (interventionId: string, lines: LineDraft[]): LineRow[] =>
  lines.map((line) => ({ ...line, interventionId }));

/**
 * Visits at the customer's own cadence (with noise), each with its parts and labour, report and
 * odometer; invoices (numbers assigned later) for most of them — the last few days' work may still
 * be waiting to be invoiced —, a few cancellations, and a booked visit ahead for some customers.
 */
export function draftHistory(rng: Rng, c: CustomerDraft, staff: DemoStaff, now: Date): CustomerHistory {
  const out: CustomerHistory = { interventions: [], lines: [], invoices: [], activities: [] };
  const end = (c.churnedAt ?? now).getTime();
  let t = c.row.createdAt.getTime() + rng.int(0, Math.min(c.cadenceDays, 60)) * DAY;
  const kinds = Object.keys(KIND_WEIGHTS) as InterventionKind[];
  const address = { addressLine1: c.row.addressLine1, postalCode: c.row.postalCode, city: c.row.city };
  while (t < end) {
    const kind = rng.weighted(kinds, (k) => KIND_WEIGHTS[k]);
    const vehicle = rng.pick(c.vehicles);
    const scheduledAt = atWorkingHour(rng, t);
    if (scheduledAt.getTime() >= now.getTime()) break;
    const cancelled = rng.chance(0.03);
    const { lines, labourHours } = draftLines(rng, kind);
    const durationMinutes = Math.max(30, Math.round((labourHours * 60) / 15) * 15);
    const startedAt = cancelled ? null : new Date(scheduledAt.getTime() + rng.int(0, 4) * 5 * 60_000);
    const completedAt = startedAt
      ? new Date(Math.min(startedAt.getTime() + durationMinutes * 60_000, now.getTime() - 60_000))
      : null;
    const totals = computeTotals(lines);
    const description = rng.pick(KIND_DESCRIPTIONS[kind]);
    const iv: InterventionRow = {
      id: rng.uuid(),
      customerId: c.row.id,
      vehicleId: vehicle.id,
      technicianId: staff.technician.id,
      kind,
      status: cancelled ? 'cancelled' : 'done',
      description,
      ...address,
      scheduledAt,
      durationMinutes,
      startedAt,
      completedAt,
      odometerKm: completedAt ? odometerAt(vehicle, completedAt, now) : null,
      workDone: completedAt ? description : null,
      totalHtCents: totals.totalHtCents,
      totalTtcCents: totals.totalTtcCents,
      cancelReason: cancelled ? rng.pick(CANCEL_REASONS) : null,
      createdBy: staff.manager.id,
      createdAt: new Date(scheduledAt.getTime() - rng.int(2, 20) * DAY),
      updatedAt: completedAt ?? scheduledAt,
    };
    if (iv.createdAt! < c.row.createdAt) iv.createdAt = c.row.createdAt;
    out.interventions.push(iv);
    out.lines.push(...withId(iv.id, lines));
    const meta = { interventionId: iv.id, kind, vehicleId: vehicle.id, plate: vehicle.plate };
    if (completedAt) {
      out.activities.push(
        activity(c, staff.technician, 'intervention', `Intervention terminée : ${KIND_LABELS[kind]}`, completedAt, {
          description: `${description} — ${vehicle.make} ${vehicle.model} (${vehicle.plate})`,
          metadata: { ...meta, status: 'done' },
          relatedType: 'intervention',
          relatedId: iv.id,
        }),
      );
      // The last days' work may not be invoiced yet ("à facturer").
      const recent = now.getTime() - completedAt.getTime() < 10 * DAY;
      if (recent && rng.chance(0.5)) {
        t += c.cadenceDays * Math.max(0.5, 1 + rng.normal(0, 0.15)) * DAY;
        continue;
      }
      const issuedAt = new Date(Math.min(completedAt.getTime() + rng.int(0, 1) * DAY, now.getTime() - 60_000));
      const invoiceCancelled = rng.chance(0.01);
      const invoiceId = rng.uuid();
      out.invoices.push({
        id: invoiceId,
        customerId: c.row.id,
        interventionId: iv.id,
        number: '',
        issuedAt,
        dueAt: new Date(issuedAt.getTime() + 30 * DAY),
        totalHtCents: totals.totalHtCents,
        vatCents: totals.vatCents,
        totalTtcCents: totals.totalTtcCents,
        paidCents: 0,
        status: invoiceCancelled ? 'cancelled' : 'unpaid',
        // Cancelled the day it was issued (a billing mistake), as the app would record it.
        cancelledAt: invoiceCancelled ? issuedAt : null,
        cancelReason: invoiceCancelled ? 'Erreur de facturation' : null,
        createdAt: issuedAt,
        updatedAt: issuedAt,
      });
      // A cancelled invoice leaves the intervention done, to be invoiced again.
      if (!invoiceCancelled) Object.assign(iv, { status: 'invoiced', invoiceId, updatedAt: issuedAt });
    } else {
      out.activities.push(
        activity(
          c,
          staff.manager,
          'intervention',
          `Intervention annulée : ${KIND_LABELS[kind]}`,
          new Date(scheduledAt.getTime() - rng.int(1, 3) * DAY),
          {
            description: `${iv.cancelReason} — ${vehicle.plate}`,
            metadata: { ...meta, status: 'cancelled' },
            relatedType: 'intervention',
            relatedId: iv.id,
          },
        ),
      );
    }
    t += c.cadenceDays * Math.max(0.5, 1 + rng.normal(0, 0.15)) * DAY;
  }
  // A booked visit ahead for a third of the active customers.
  if (c.row.status === 'active' && rng.chance(0.35)) {
    const next = Math.max(t, now.getTime() + rng.int(3, 45) * DAY);
    const kind = rng.weighted(kinds, (k) => KIND_WEIGHTS[k]);
    const bookedAt = new Date(Math.max(now.getTime() - rng.int(1, 20) * DAY, c.row.createdAt.getTime()));
    planVisit(rng, c, staff, out, { kind, scheduledAt: atWorkingHour(rng, next), bookedAt });
  }
  return out;
}

const WHEN = new Intl.DateTimeFormat('fr-FR', { timeZone: 'Europe/Paris', dateStyle: 'short', timeStyle: 'short' });

/** A planned intervention, priced by the manager for half of them (the prices a technician may use). */
export function planVisit(
  rng: Rng,
  c: CustomerDraft,
  staff: DemoStaff,
  out: CustomerHistory,
  plan: { kind: InterventionKind; scheduledAt: Date; bookedAt: Date },
) {
  const vehicle = rng.pick(c.vehicles);
  const { lines, labourHours } = draftLines(rng, plan.kind);
  const priced = rng.chance(0.5) ? lines : [];
  const totals = computeTotals(priced);
  const iv: InterventionRow = {
    id: rng.uuid(),
    customerId: c.row.id,
    vehicleId: vehicle.id,
    technicianId: staff.technician.id,
    kind: plan.kind,
    status: 'planned',
    description: rng.pick(KIND_DESCRIPTIONS[plan.kind]),
    addressLine1: c.row.addressLine1,
    postalCode: c.row.postalCode,
    city: c.row.city,
    scheduledAt: plan.scheduledAt,
    durationMinutes: Math.max(30, Math.round((labourHours * 60) / 15) * 15),
    totalHtCents: totals.totalHtCents,
    totalTtcCents: totals.totalTtcCents,
    createdBy: staff.manager.id,
    createdAt: plan.bookedAt,
    updatedAt: plan.bookedAt,
  };
  out.interventions.push(iv);
  out.lines.push(...withId(iv.id, priced));
  out.activities.push(
    activity(
      c,
      staff.manager,
      'intervention',
      `Intervention planifiée : ${KIND_LABELS[plan.kind]} le ${WHEN.format(iv.scheduledAt).replace(' ', ' à ')}`,
      plan.bookedAt,
      {
        description: `${vehicle.make} ${vehicle.model} (${vehicle.plate}) — Technicien : ${staff.technician.name}`,
        metadata: {
          interventionId: iv.id,
          kind: plan.kind,
          status: 'planned',
          vehicleId: vehicle.id,
          plate: vehicle.plate,
        },
        relatedType: 'intervention',
        relatedId: iv.id,
      },
    ),
  );
  return iv;
}

const DAY_KINDS: InterventionKind[] = ['maintenance', 'tyres', 'diagnostic', 'repair', 'inspection', 'maintenance'];

/**
 * The demo technician's day (relative to the seed's "today", Paris time): six planned visits
 * for "Ma journée", and two for tomorrow, at active customers with a vehicle.
 */
export function planTechnicianDay(
  rng: Rng,
  customers: { c: CustomerDraft; h: CustomerHistory }[],
  staff: DemoStaff,
  now: Date,
  slots: Date[],
) {
  const candidates = customers.filter(({ c }) => c.row.status === 'active' && !c.row.archivedAt && c.vehicles.length);
  const chosen = rng.shuffle(candidates).slice(0, slots.length + 2);
  const tomorrow = slots.slice(0, 2).map((d) => new Date(d.getTime() + DAY));
  [...slots, ...tomorrow].forEach((scheduledAt, i) => {
    const pick = chosen[i % chosen.length];
    if (!pick) return;
    const bookedAt = new Date(Math.max(now.getTime() - rng.int(2, 10) * DAY, pick.c.row.createdAt.getTime()));
    planVisit(rng, pick.c, staff, pick.h, { kind: DAY_KINDS[i % DAY_KINDS.length], scheduledAt, bookedAt });
  });
}
