import type { InterventionStatus } from '@/db/schema/enums';
import { AppError } from '@/lib/errors';

/**
 * The intervention life cycle as pure functions (no database): planned → in_progress → done →
 * invoiced, and planned | in_progress → cancelled. Any other move is a 409 `conflict` whose
 * message says, in French, why it is refused. The mutations call these under a row lock.
 */
export const INTERVENTION_ACTIONS = ['start', 'complete', 'invoice', 'cancel'] as const;
export type InterventionAction = (typeof INTERVENTION_ACTIONS)[number];

const MOVES: Record<InterventionAction, { from: readonly InterventionStatus[]; to: InterventionStatus }> = {
  start: { from: ['planned'], to: 'in_progress' },
  complete: { from: ['in_progress'], to: 'done' },
  invoice: { from: ['done'], to: 'invoiced' },
  cancel: { from: ['planned', 'in_progress'], to: 'cancelled' },
};

// Why an action is refused from a status (every status not in `from` has its reason).
const REFUSALS: Record<InterventionAction, Partial<Record<InterventionStatus, string>>> = {
  start: {
    in_progress: 'Intervention déjà démarrée.',
    done: 'Intervention déjà terminée.',
    invoiced: 'Intervention déjà facturée.',
    cancelled: 'Intervention annulée : elle ne peut pas être démarrée.',
  },
  complete: {
    planned: 'Intervention non démarrée : démarrez-la avant de la terminer.',
    done: 'Intervention déjà terminée.',
    invoiced: 'Intervention déjà facturée.',
    cancelled: 'Intervention annulée : elle ne peut pas être terminée.',
  },
  invoice: {
    planned: 'Intervention non terminée : terminez-la avant de la facturer.',
    in_progress: 'Intervention non terminée : terminez-la avant de la facturer.',
    invoiced: 'Intervention déjà facturée.',
    cancelled: 'Intervention annulée : rien à facturer.',
  },
  cancel: {
    done: 'Intervention déjà terminée : elle ne peut plus être annulée.',
    invoiced: 'Intervention déjà facturée : elle ne peut plus être annulée.',
    cancelled: 'Intervention déjà annulée.',
  },
};

export function canTransition(status: InterventionStatus, action: InterventionAction): boolean {
  return MOVES[action].from.includes(status);
}

/** The status after `action`, or a 409 with the reason. */
export function transition(status: InterventionStatus, action: InterventionAction): InterventionStatus {
  if (canTransition(status, action)) return MOVES[action].to;
  throw AppError.conflict(REFUSALS[action][status] ?? 'Action impossible dans cet état.');
}

/** The actions the status allows (buttons to show; the server still decides). */
export function allowedActions(status: InterventionStatus): InterventionAction[] {
  return INTERVENTION_ACTIONS.filter((action) => canTransition(status, action));
}

/**
 * What may be edited in each status: the planning (kind, date, duration, vehicle, address) only
 * before the work starts; the technician until it is finished (a reassignment on the day); the
 * report (work done, lines, odometer) before and during the work — lines given when planning are
 * the prices a technician may use —, never once done.
 */
export type InterventionEdit = 'planning' | 'assignment' | 'report';

const EDITABLE: Record<InterventionEdit, readonly InterventionStatus[]> = {
  planning: ['planned'],
  assignment: ['planned', 'in_progress'],
  report: ['planned', 'in_progress'],
};

const STATE_REASONS: Record<InterventionStatus, string> = {
  planned: 'Intervention planifiée',
  in_progress: 'Intervention déjà démarrée',
  done: 'Intervention déjà terminée',
  invoiced: 'Intervention déjà facturée',
  cancelled: 'Intervention annulée',
};

const EDIT_REFUSALS: Record<InterventionEdit, string> = {
  planning: 'sa planification ne peut plus être modifiée',
  assignment: 'le technicien ne peut plus être changé',
  report: 'le compte rendu ne peut plus être modifié',
};

export function assertEditable(status: InterventionStatus, edit: InterventionEdit): void {
  if (!EDITABLE[edit].includes(status)) throw AppError.conflict(`${STATE_REASONS[status]} : ${EDIT_REFUSALS[edit]}.`);
}

/**
 * "Terminer" needs a report: the work done, and at least one line or an explicit "no charge".
 * Returns the field errors (empty when complete), for a 422 with the fields to fix.
 */
export function completionErrors(report: {
  workDone: string | null | undefined;
  lineCount: number;
  noCharge: boolean;
}): Record<string, string[]> {
  const fields: Record<string, string[]> = {};
  if (!report.workDone?.trim()) fields.workDone = ['Décrivez le travail effectué.'];
  if (report.lineCount === 0 && !report.noCharge)
    fields.lines = ['Ajoutez au moins une ligne (pièce ou main-d’œuvre) ou cochez « Sans frais ».'];
  return fields;
}
