import { describe, expect, it } from 'vitest';
import { INTERVENTION_STATUSES, type InterventionStatus } from '@/db/schema/enums';
import { AppError } from '@/lib/errors';
import {
  allowedActions,
  assertEditable,
  canTransition,
  completionErrors,
  INTERVENTION_ACTIONS,
  type InterventionAction,
  transition,
} from '@/lib/interventions/state';

// Every status × action, written out: the target status, or the French reason of the 409.
const TABLE: Record<InterventionStatus, Record<InterventionAction, InterventionStatus | string>> = {
  planned: {
    start: 'in_progress',
    complete: 'Intervention non démarrée : démarrez-la avant de la terminer.',
    invoice: 'Intervention non terminée : terminez-la avant de la facturer.',
    cancel: 'cancelled',
  },
  in_progress: {
    start: 'Intervention déjà démarrée.',
    complete: 'done',
    invoice: 'Intervention non terminée : terminez-la avant de la facturer.',
    cancel: 'cancelled',
  },
  done: {
    start: 'Intervention déjà terminée.',
    complete: 'Intervention déjà terminée.',
    invoice: 'invoiced',
    cancel: 'Intervention déjà terminée : elle ne peut plus être annulée.',
  },
  invoiced: {
    start: 'Intervention déjà facturée.',
    complete: 'Intervention déjà facturée.',
    invoice: 'Intervention déjà facturée.',
    cancel: 'Intervention déjà facturée : elle ne peut plus être annulée.',
  },
  cancelled: {
    start: 'Intervention annulée : elle ne peut pas être démarrée.',
    complete: 'Intervention annulée : elle ne peut pas être terminée.',
    invoice: 'Intervention annulée : rien à facturer.',
    cancel: 'Intervention déjà annulée.',
  },
};

function refusal(fn: () => unknown): AppError {
  try {
    fn();
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('intervention state machine', () => {
  it('the table covers every status and action', () => {
    expect(Object.keys(TABLE).sort()).toEqual([...INTERVENTION_STATUSES].sort());
    for (const status of INTERVENTION_STATUSES)
      expect(Object.keys(TABLE[status]).sort()).toEqual([...INTERVENTION_ACTIONS].sort());
  });

  for (const status of INTERVENTION_STATUSES) {
    for (const action of INTERVENTION_ACTIONS) {
      const expected = TABLE[status][action];
      const legal = (INTERVENTION_STATUSES as readonly string[]).includes(expected);
      it(`${status} --${action}--> ${legal ? expected : '409'}`, () => {
        expect(canTransition(status, action)).toBe(legal);
        if (legal) expect(transition(status, action)).toBe(expected);
        else {
          const error = refusal(() => transition(status, action));
          expect(error.code).toBe('conflict');
          expect(error.status).toBe(409);
          expect(error.message).toBe(expected);
        }
      });
    }
  }

  it('lists the allowed actions per status (the buttons to show)', () => {
    expect(allowedActions('planned')).toEqual(['start', 'cancel']);
    expect(allowedActions('in_progress')).toEqual(['complete', 'cancel']);
    expect(allowedActions('done')).toEqual(['invoice']);
    expect(allowedActions('invoiced')).toEqual([]);
    expect(allowedActions('cancelled')).toEqual([]);
  });

  it('the planning is editable before the start only, the technician until the end, the report never once done', () => {
    const editable = (status: InterventionStatus, edit: 'planning' | 'assignment' | 'report') => {
      try {
        assertEditable(status, edit);
        return true;
      } catch (error) {
        expect((error as AppError).status).toBe(409);
        return false;
      }
    };
    const matrix = INTERVENTION_STATUSES.map((s) => [
      s,
      editable(s, 'planning'),
      editable(s, 'assignment'),
      editable(s, 'report'),
    ]);
    expect(matrix).toEqual([
      ['planned', true, true, true],
      ['in_progress', false, true, true],
      ['done', false, false, false],
      ['invoiced', false, false, false],
      ['cancelled', false, false, false],
    ]);
    expect(refusal(() => assertEditable('done', 'report')).message).toBe(
      'Intervention déjà terminée : le compte rendu ne peut plus être modifié.',
    );
    expect(refusal(() => assertEditable('in_progress', 'planning')).message).toBe(
      'Intervention déjà démarrée : sa planification ne peut plus être modifiée.',
    );
  });

  it('"Terminer" needs the work done and a line or "no charge"', () => {
    expect(completionErrors({ workDone: 'Vidange', lineCount: 1, noCharge: false })).toEqual({});
    expect(completionErrors({ workDone: 'Contrôle sous garantie', lineCount: 0, noCharge: true })).toEqual({});
    expect(Object.keys(completionErrors({ workDone: '  ', lineCount: 1, noCharge: false }))).toEqual(['workDone']);
    expect(Object.keys(completionErrors({ workDone: null, lineCount: 0, noCharge: false }))).toEqual([
      'workDone',
      'lines',
    ]);
  });
});
