'use server';

import { revalidatePath } from 'next/cache';
import type { z } from 'zod';
import { getDb } from '@/db';
import { type ActionState, runAction } from '@/lib/actions';
import { requireActionActor } from '@/lib/auth/session';
import { AppError, zodFieldErrors } from '@/lib/errors';
import { parseId } from '@/lib/http/parse';
import { completeIntervention } from './complete';
import { planFormInput, reportFormInput } from './form';
import { invoiceIntervention } from './invoice';
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
} from './schema';
import type { InterventionDto } from './types';

/**
 * Server actions of the interventions pages: the same mutations as the API (which check roles,
 * assignment, status and version again), the same zod schemas as the forms.
 */
export interface InterventionActionData {
  id: string;
  status: InterventionDto['status'];
  updatedAt: string;
}

const done = (iv: InterventionDto, message: string): ActionState<InterventionActionData> => ({
  ok: true,
  message,
  data: { id: iv.id, status: iv.status, updatedAt: iv.updatedAt.toISOString() },
});

function revalidate(customerId: string) {
  revalidatePath(`/customers/${customerId}`, 'layout');
  revalidatePath('/ma-journee');
  revalidatePath('/planning');
}

function parse<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
  const result = schema.safeParse(value);
  if (!result.success) throw AppError.validation(zodFieldErrors(result.error));
  return result.data;
}

const ids = (customerId: string, interventionId: string) => ({
  id: parseId(customerId, 'Client'),
  interventionId: parseId(interventionId, 'Intervention'),
});

const version = (formData: FormData) => {
  const v = formData.get('updatedAt');
  return typeof v === 'string' && v ? { updatedAt: v } : {};
};

export async function planInterventionAction(
  customerId: string,
  _prev: ActionState<InterventionActionData>,
  formData: FormData,
): Promise<ActionState<InterventionActionData>> {
  return runAction(async () => {
    const actor = await requireActionActor('intervention.plan');
    const id = parseId(customerId, 'Client');
    const input = parse(interventionCreateSchema, planFormInput(formData));
    const iv = await createIntervention(getDb(), actor, id, input);
    revalidate(id);
    return done(iv, 'Intervention planifiée.');
  });
}

export async function startInterventionAction(
  customerId: string,
  interventionId: string,
  _prev: ActionState<InterventionActionData>,
  formData: FormData,
): Promise<ActionState<InterventionActionData>> {
  return runAction(async () => {
    const actor = await requireActionActor('intervention.report');
    const { id, interventionId: ivId } = ids(customerId, interventionId);
    const iv = await startIntervention(getDb(), actor, id, ivId, parse(interventionStartSchema, version(formData)));
    revalidate(id);
    return done(iv, 'Intervention démarrée.');
  });
}

/** The report form: "Enregistrer" saves it; "Terminer" (intent=complete) saves and completes in one go. */
export async function saveInterventionReportAction(
  customerId: string,
  interventionId: string,
  _prev: ActionState<InterventionActionData>,
  formData: FormData,
): Promise<ActionState<InterventionActionData>> {
  return runAction(async () => {
    const actor = await requireActionActor('intervention.report');
    const { id, interventionId: ivId } = ids(customerId, interventionId);
    const raw = reportFormInput(formData);
    if (formData.get('intent') === 'complete') {
      const iv = await completeIntervention(getDb(), actor, id, ivId, parse(interventionCompleteSchema, raw));
      revalidate(id);
      return done(iv, 'Intervention terminée : le rapport est enregistré dans les documents.');
    }
    const iv = await saveInterventionReport(getDb(), actor, id, ivId, parse(interventionReportSchema, raw));
    revalidate(id);
    return done(iv, 'Compte rendu enregistré.');
  });
}

/** "Terminer" from Ma journée: the report already saved on the intervention page must be complete (422 otherwise). */
export async function completeInterventionAction(
  customerId: string,
  interventionId: string,
  _prev: ActionState<InterventionActionData>,
  formData: FormData,
): Promise<ActionState<InterventionActionData>> {
  return runAction(async () => {
    const actor = await requireActionActor('intervention.report');
    const { id, interventionId: ivId } = ids(customerId, interventionId);
    const iv = await completeIntervention(
      getDb(),
      actor,
      id,
      ivId,
      parse(interventionCompleteSchema, version(formData)),
    );
    revalidate(id);
    return done(iv, 'Intervention terminée.');
  });
}

export async function cancelInterventionAction(
  customerId: string,
  interventionId: string,
  _prev: ActionState<InterventionActionData>,
  formData: FormData,
): Promise<ActionState<InterventionActionData>> {
  return runAction(async () => {
    const actor = await requireActionActor('intervention.plan');
    const { id, interventionId: ivId } = ids(customerId, interventionId);
    const input = parse(interventionCancelSchema, { ...version(formData), reason: formData.get('reason') ?? '' });
    const iv = await cancelIntervention(getDb(), actor, id, ivId, input);
    revalidate(id);
    return done(iv, 'Intervention annulée.');
  });
}

export async function invoiceInterventionAction(
  customerId: string,
  interventionId: string,
  _prev: ActionState<InterventionActionData>,
  formData: FormData,
): Promise<ActionState<InterventionActionData>> {
  return runAction(async () => {
    const actor = await requireActionActor('intervention.invoice');
    const { id, interventionId: ivId } = ids(customerId, interventionId);
    const result = await invoiceIntervention(
      getDb(),
      actor,
      id,
      ivId,
      parse(interventionInvoiceSchema, version(formData)),
    );
    revalidate(id);
    return done(result.intervention, `Facture ${result.invoice.number} créée.`);
  });
}

/** The planning's "Réassigner": another technician, or none (empty value). */
export async function reassignInterventionAction(
  customerId: string,
  interventionId: string,
  _prev: ActionState<InterventionActionData>,
  formData: FormData,
): Promise<ActionState<InterventionActionData>> {
  return runAction(async () => {
    const actor = await requireActionActor('intervention.plan');
    const { id, interventionId: ivId } = ids(customerId, interventionId);
    const technician = formData.get('technicianId');
    const technicianId = typeof technician === 'string' && technician ? parseId(technician, 'Technicien') : null;
    const { updatedAt } = parse(interventionStartSchema, version(formData));
    const iv = await updateIntervention(getDb(), actor, id, ivId, { technicianId, updatedAt });
    revalidate(id);
    return done(iv, 'Intervention réassignée.');
  });
}
