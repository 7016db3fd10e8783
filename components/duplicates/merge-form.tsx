'use client';

import { useActionState } from 'react';
import { SubmitButton } from '@/components/ui/submit-button';
import type { ActionState } from '@/lib/actions';
import { mergeCustomersAction } from '@/lib/duplicates/actions';

export interface MergeFieldRow {
  field: string;
  label: string;
  survivor: string;
  merged: string;
  /** Pre-selected side: the survivor's value unless it is empty and the other one is not. */
  preferred: 'survivor' | 'merged';
}

const initial: ActionState = { ok: false, message: '' };

/** One radio group per field: which value the surviving customer keeps. */
export function MergeForm(props: {
  survivorId: string;
  mergedId: string;
  survivorLabel: string;
  mergedLabel: string;
  rows: MergeFieldRow[];
}) {
  const [state, action] = useActionState(mergeCustomersAction, initial);
  return (
    <form action={action} className="space-y-4">
      <input type="hidden" name="survivorId" value={props.survivorId} />
      <input type="hidden" name="mergedId" value={props.mergedId} />
      <div className="space-y-3">
        {props.rows.map((r) => {
          const same = r.survivor === r.merged;
          return (
            <fieldset key={r.field} className="rounded-lg border border-slate-200 p-3">
              <legend className="px-1 text-sm font-medium text-slate-800">{r.label}</legend>
              {same ? (
                <p className="text-sm text-slate-700">
                  {r.survivor || '—'} <span className="text-slate-500">(identique)</span>
                  <input type="hidden" name={`field:${r.field}`} value="survivor" />
                </p>
              ) : (
                <div className="grid gap-2 sm:grid-cols-2">
                  {(['survivor', 'merged'] as const).map((side) => (
                    <label
                      key={side}
                      className="flex min-h-11 cursor-pointer items-center gap-2 rounded-md border border-slate-200 px-3 py-2 text-sm has-[:checked]:border-blue-600 has-[:checked]:bg-blue-50"
                    >
                      <input
                        type="radio"
                        name={`field:${r.field}`}
                        value={side}
                        defaultChecked={r.preferred === side}
                      />
                      <span>
                        <span className="block text-xs text-slate-500">
                          {side === 'survivor' ? props.survivorLabel : props.mergedLabel}
                        </span>
                        {(side === 'survivor' ? r.survivor : r.merged) || '—'}
                      </span>
                    </label>
                  ))}
                </div>
              )}
              {state.fieldErrors?.[r.field] && (
                <p className="mt-1 text-sm text-red-700">{state.fieldErrors[r.field].join(' ')}</p>
              )}
            </fieldset>
          );
        })}
      </div>
      {state.message && (
        <p
          role="alert"
          className={state.ok ? 'text-sm text-emerald-800' : 'rounded-md bg-red-50 p-3 text-sm text-red-800'}
        >
          {state.message}
          {state.fieldErrors?.email && !props.rows.some((r) => r.field === 'email')
            ? ` ${state.fieldErrors.email.join(' ')}`
            : ''}
        </p>
      )}
      <SubmitButton variant="danger" pendingLabel="Fusion…">
        Fusionner (irréversible)
      </SubmitButton>
    </form>
  );
}
