'use server';

import type { z } from 'zod';
import type { Db } from '@/db';
import { formDataToObject } from '@/lib/actions';
import type { Actor } from '@/lib/auth/actor';
import type { Permission } from '@/lib/auth/permissions';
import { defineAction, type Revalidation, reply } from '@/lib/define-action';
import { AppError } from '@/lib/errors';
import { hasUnstorableChar, UNSTORABLE_TEXT } from '@/lib/validation/text';
import { completeIntervention } from './complete';
import { planFormInput, reportFormInput } from './form';
import { invoiceIntervention } from './invoice';
import type { ReportEmailResult } from './report-email';
import {
  cancelIntervention,
  createIntervention,
  saveInterventionReport,
  startIntervention,
  updateIntervention,
} from './mutations';
import {
  interventionCancelSchema,
  interventionCompleteSchema,
  interventionCreateSchema,
  interventionInvoiceSchema,
  interventionReportSchema,
  interventionStartSchema,
  interventionUpdateSchema,
} from './schema';
import type { InterventionDto } from './types';

/**
 * Server actions of the interventions pages: the same mutations as the API (which check roles,
 * assignment, status and version again), the same zod schemas as the forms (lib/interventions/form.ts
 * turns their FormData into the schemas' input).
 */
export interface InterventionActionData {
  id: string;
  status: InterventionDto['status'];
  updatedAt: string;
}

/** What « Terminer » says, including what became of the report e-mail when one was asked for. */
function completedMessage(email: ReportEmailResult | null): string {
  const base = 'Intervention terminée : le rapport est enregistré dans les documents';
  if (!email) return `${base}.`;
  if (email.status === 'sent') return `${base} et envoyé au client.`;
  if (email.status === 'queued') return `${base} ; l’e-mail au client attend dans la boîte d’envoi.`;
  return `${base}. Rapport non envoyé au client${email.reason ? ` : ${email.reason}` : '.'}`;
}

const data = (iv: InterventionDto): InterventionActionData => ({
  id: iv.id,
  status: iv.status,
  updatedAt: iv.updatedAt.toISOString(),
});

// The customer's tabs (list, 360 summary, activity), the technician's day and the planning show it.
const everywhere = ([id]: string[]): Revalidation[] => [[`/customers/${id}`, 'layout'], '/ma-journee', '/planning'];

/** The version the form was rendered with (absent = no concurrency check). */
const version = (formData: FormData) => {
  const v = formData.get('updatedAt');
  return typeof v === 'string' && v ? { updatedAt: v } : {};
};

/**
 * Every field goes through formDataToObject first (NUL and lone surrogates are a field error, not a
 * 500); the lines travel as JSON, so their labels are checked once parsed.
 */
function reportInput(formData: FormData) {
  formDataToObject(formData);
  const input = reportFormInput(formData);
  if (Array.isArray(input.lines))
    input.lines.forEach((line: unknown, i) => {
      const label = (line as { label?: unknown } | null)?.label;
      if (typeof label === 'string' && hasUnstorableChar(label))
        throw AppError.validation({ [`lines.${i}.label`]: [UNSTORABLE_TEXT] });
    });
  return input;
}

/**
 * An action on one intervention (bound ids: customer, intervention) whose mutation returns it: start,
 * complete, cancel, reassign. The form defaults to the version it was rendered with.
 */
function transitionAction<I>(def: {
  permission: Permission;
  form?: (formData: FormData) => unknown;
  schema: z.ZodType<I>;
  mutate: (db: Db, actor: Actor, customerId: string, id: string, input: I) => Promise<InterventionDto>;
  message: string;
}) {
  return defineAction({
    permission: def.permission,
    ids: ['Client', 'Intervention'],
    form: def.form ?? version,
    schema: def.schema,
    run: async ({ actor, ids: [id, ivId], input, db }) => data(await def.mutate(db, actor, id, ivId, input)),
    message: def.message,
    revalidate: everywhere,
  });
}

export const planInterventionAction = defineAction({
  permission: 'intervention.plan',
  ids: ['Client'],
  form: (formData) => (formDataToObject(formData), planFormInput(formData)),
  schema: interventionCreateSchema,
  run: async ({ actor, ids: [id], input, db }) => data(await createIntervention(db, actor, id, input)),
  message: 'Intervention planifiée.',
  revalidate: everywhere,
});

export const startInterventionAction = transitionAction({
  permission: 'intervention.report',
  schema: interventionStartSchema,
  mutate: startIntervention,
  message: 'Intervention démarrée.',
});

/** The report form: « Enregistrer » saves it; « Terminer » (intent=complete) saves and completes in one go. */
export const saveInterventionReportAction = defineAction({
  permission: 'intervention.report',
  ids: ['Client', 'Intervention'],
  form: reportInput,
  schema: interventionReportSchema,
  run: async ({ actor, ids: [id, ivId], input, formData, db }) => {
    if (formData.get('intent') === 'complete') {
      const sendReport = formData.get('sendReport') === 'on';
      const done = await completeIntervention(db, actor, id, ivId, { ...input, sendReport });
      return reply(completedMessage(done.reportEmail), data(done));
    }
    return reply('Compte rendu enregistré.', data(await saveInterventionReport(db, actor, id, ivId, input)));
  },
  revalidate: everywhere,
});

/** « Terminer » from Ma journée: the report saved on the intervention page must be complete (422 otherwise). */
export const completeInterventionAction = transitionAction({
  permission: 'intervention.report',
  schema: interventionCompleteSchema,
  mutate: completeIntervention,
  message: 'Intervention terminée.',
});

export const cancelInterventionAction = transitionAction({
  permission: 'intervention.plan',
  form: (formData) => ({ ...formDataToObject(formData), ...version(formData), reason: formData.get('reason') ?? '' }),
  schema: interventionCancelSchema,
  mutate: cancelIntervention,
  message: 'Intervention annulée.',
});

export const invoiceInterventionAction = defineAction({
  permission: 'intervention.invoice',
  ids: ['Client', 'Intervention'],
  form: version,
  schema: interventionInvoiceSchema,
  run: async ({ actor, ids: [id, ivId], input, db }) => {
    const { intervention, invoice } = await invoiceIntervention(db, actor, id, ivId, input);
    return reply(`Facture ${invoice.number} créée.`, data(intervention));
  },
  revalidate: everywhere,
});

/** The planning's « Réassigner »: another technician, or none (empty value), with the version it shows. */
export const reassignInterventionAction = transitionAction({
  permission: 'intervention.plan',
  form: (formData) => ({ ...version(formData), technicianId: formData.get('technicianId') || null }),
  schema: interventionUpdateSchema.pick({ updatedAt: true, technicianId: true }),
  mutate: updateIntervention,
  message: 'Intervention réassignée.',
});
