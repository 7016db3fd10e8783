import 'server-only';
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '@/db';
import { customers, vehicles } from '@/db/schema';
import { formatDate, formatNumber } from '@/components/ui/format';
import type { Actor } from '@/lib/auth/actor';
import { sendCustomerEmail, type SendEmailResult } from '@/lib/email/send';
import { AppError } from '@/lib/errors';
import { listVehicleFollowUps, type VehicleFollowUp } from '@/lib/interventions/follow-up';
import { addDays, parisToday } from '@/lib/interventions/time';
import type { SendReminderInput } from './schema';

export type ReminderReason = 'inspection' | 'service';

export interface ReminderResult extends SendEmailResult {
  customerId: string;
  vehicleId: string;
  reasons: ReminderReason[];
}

/** A calendar day "YYYY-MM-DD" in words ("15 mars 2026"); noon UTC is the same day in Paris. */
const longDay = (day: string) => formatDate(`${day}T12:00:00Z`, 'long');

/** What falls due within the window: the same rule as the "À relancer" list (lib/interventions/follow-up.ts). */
export function dueReasons(f: VehicleFollowUp, until: string): ReminderReason[] {
  const reasons: ReminderReason[] = [];
  if (f.nextInspectionDue && f.nextInspectionDue <= until) reasons.push('inspection');
  if ((f.nextServiceDue && f.nextServiceDue <= until) || f.serviceDueByKm) reasons.push('service');
  return reasons;
}

/** The reminder's subject and text, in French, from the follow-up dates. */
export function reminderMessage(f: VehicleFollowUp, reasons: ReminderReason[], today: string) {
  const what = reasons.map((r) => (r === 'inspection' ? 'contrôle technique' : 'entretien')).join(' et ');
  const lines: string[] = [];
  if (reasons.includes('inspection') && f.nextInspectionDue) {
    lines.push(
      f.nextInspectionDue < today
        ? `Le contrôle technique de votre véhicule devait être passé avant le ${longDay(f.nextInspectionDue)}.`
        : `Le contrôle technique de votre véhicule est à passer avant le ${longDay(f.nextInspectionDue)}.`,
    );
  }
  if (reasons.includes('service')) {
    if (f.serviceDueByKm && f.nextServiceKm != null) {
      lines.push(
        `Votre véhicule a atteint le kilométrage de son prochain entretien (${formatNumber(f.nextServiceKm)} km).`,
      );
    } else if (f.nextServiceDue) {
      lines.push(`Le prochain entretien de votre véhicule est prévu pour le ${longDay(f.nextServiceDue)}.`);
    }
  }
  return {
    subject: `Rappel : ${what} de votre ${f.label}`,
    body: [
      'Bonjour,',
      '',
      ...lines,
      '',
      'Répondez à ce message ou appelez-nous pour prendre rendez-vous.',
      '',
      'Cordialement,',
      'Votre atelier',
    ].join('\n'),
  };
}

/**
 * "Envoyer un rappel" from the "À relancer" list: a prospection e-mail (purpose `marketing`) through
 * the consent-gated send (lib/email/send.ts), which refuses it with the reason in French (403
 * consent_missing, logged as blocked) unless the customer granted it, and writes the outbox row and
 * the customer's activity in one transaction. 404 for an unknown vehicle or an erased customer;
 * 409 for an archived customer or a vehicle with nothing due within the window.
 */
export async function sendVehicleReminder(
  db: Db,
  actor: Actor,
  vehicleId: string,
  input: SendReminderInput,
  options: { today?: string } = {},
): Promise<ReminderResult> {
  if (!z.uuid().safeParse(vehicleId).success) throw AppError.notFound('Véhicule introuvable.');
  const [owner] = await db
    .select({ customerId: vehicles.customerId, erasedAt: customers.erasedAt, archivedAt: customers.archivedAt })
    .from(vehicles)
    .innerJoin(customers, eq(customers.id, vehicles.customerId))
    .where(eq(vehicles.id, vehicleId))
    .limit(1);
  if (!owner || owner.erasedAt) throw AppError.notFound('Véhicule introuvable.');
  if (owner.archivedAt) throw AppError.conflict('Ce client est archivé : aucun rappel ne lui est envoyé.');

  const today = options.today ?? parisToday();
  const followUp = (await listVehicleFollowUps(db, owner.customerId, { today })).find((f) => f.vehicleId === vehicleId);
  const reasons = followUp ? dueReasons(followUp, addDays(today, input.days)) : [];
  if (!followUp || reasons.length === 0) {
    throw AppError.conflict(
      `Ce véhicule n’a ni contrôle technique ni entretien à prévoir dans les ${input.days} jours.`,
    );
  }
  const message = reminderMessage(followUp, reasons, today);
  const sent = await sendCustomerEmail(
    db,
    actor,
    owner.customerId,
    { ...message, purpose: 'marketing' },
    {
      metadata: {
        reminder: true,
        vehicleId,
        reasons,
        nextInspectionDue: followUp.nextInspectionDue,
        nextServiceDue: followUp.nextServiceDue,
      },
    },
  );
  return { ...sent, customerId: owner.customerId, vehicleId, reasons };
}
