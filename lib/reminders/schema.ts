import { z } from 'zod';

export { dueVehiclesQuerySchema, type DueVehiclesQuery } from '@/lib/interventions/schema';

/** The windows the "À relancer" page offers (the API accepts any 0–365). */
export const REMINDER_WINDOWS = [30, 60, 90] as const;

/**
 * `POST /api/reminders/{vehicleId}/send` and the row button: the window the manager is looking at
 * (the reminder names only what falls due within it). No free text: the message is built here.
 */
export const sendReminderSchema = z.object({
  days: z.coerce
    .number({ message: 'Fenêtre en jours.' })
    .int('Fenêtre en jours entiers.')
    .min(0, 'Fenêtre : 0 à 365 jours.')
    .max(365, 'Fenêtre : 0 à 365 jours.')
    .default(90),
});
export type SendReminderInput = z.output<typeof sendReminderSchema>;

export const REMINDER_REASON_LABELS = {
  inspection: 'Contrôle technique',
  service: 'Entretien',
} as const satisfies Record<'inspection' | 'service', string>;

/** The prospection consent on the e-mail channel, as the reminder send will judge it. */
export type ReminderConsent = 'granted' | 'unproven' | 'withdrawn' | 'never';

export const REMINDER_CONSENT_LABELS: Record<ReminderConsent, string> = {
  granted: 'Prospection acceptée',
  unproven: 'Prospection sans preuve',
  withdrawn: 'Prospection refusée',
  never: 'Prospection jamais demandée',
};
