'use client';

import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { firstError, inputClasses, TextareaField, TextField } from '@/components/ui/field';
import { formatMoney } from '@/components/ui/format';
import { SubmitButton } from '@/components/ui/submit-button';
import { useActionToast, useAnnouncedAction } from '@/components/ui/toast';
import { lazyValidator, useFormAction, zodValidator } from '@/components/ui/use-form-action';
import { useQueueable } from '@/components/offline/use-queueable';
import { saveInterventionReportAction } from '@/lib/interventions/actions';
import { type LineDraft, linesFromDrafts, reportFormInput } from '@/lib/interventions/form';
import { VAT_RATE_LABELS, VAT_RATES_BP } from '@/lib/interventions/labels';
import { computeTotals, quantityHundredths } from '@/lib/interventions/totals';
import { reportWrite } from '@/lib/offline/forms';

export interface ReportLine {
  label: string;
  quantity: number;
  unitPriceHtCents: number;
  vatRateBp: number;
}

type Row = LineDraft & { key: number };

const euros = (cents: number) => (cents / 100).toFixed(2).replace('.', ',');

// The schema (zod) is fetched on the form's first focus, not with the page; offline, the service worker has it.
const validate = lazyValidator(() =>
  import('@/lib/interventions/schema').then((m) =>
    zodValidator(m.interventionReportSchema, { input: reportFormInput }),
  ),
);

/**
 * The on-site report: work done, odometer, lines (label, quantity, unit price HT, VAT), « Sans
 * facturation ». Totals are previewed with the server's own arithmetic (lib/interventions/totals.ts);
 * the server recomputes them. Without pricing rights a new line's price stays 0 (« à chiffrer »).
 */
export function ReportForm({
  customerId,
  interventionId,
  updatedAt,
  started,
  canComplete,
  pricing,
  hasVehicle,
  mileage,
  initial,
}: {
  customerId: string;
  interventionId: string;
  updatedAt: string;
  /** In progress: the whole report; planned: only the lines (the prices a technician will use). */
  started: boolean;
  canComplete: boolean;
  pricing: boolean;
  hasVehicle: boolean;
  mileage: number | null;
  initial: { workDone: string | null; odometerKm: number | null; noCharge: boolean; lines: ReportLine[] };
}) {
  const [rows, setRows] = useState<Row[]>(() =>
    initial.lines.map((l, i) => ({
      key: i,
      label: l.label,
      quantity: String(l.quantity).replace('.', ','),
      unitPrice: euros(l.unitPriceHtCents),
      vatRateBp: l.vatRateBp,
    })),
  );
  const [nextKey, setNextKey] = useState(initial.lines.length);
  const [noCharge, setNoCharge] = useState(initial.noCharge);
  const { state, formAction, onSubmit, errors } = useFormAction(
    // « Terminer » re-renders the page without this form: the success is toasted on answer.
    useAnnouncedAction(
      // Offline, « Enregistrer » / « Terminer » wait on the device and go to the API when the network returns.
      useQueueable(saveInterventionReportAction.bind(null, customerId, interventionId), (fd) =>
        reportWrite({ customerId, interventionId }, fd),
      ),
    ),
    { validate },
  );
  useActionToast(state, { success: false });
  // The version to send: the one saved last (a save changes it), else the page's.
  const version = state.ok && state.data && state.data.updatedAt > updatedAt ? state.data.updatedAt : updatedAt;

  const lines = linesFromDrafts(rows);
  // Rows still being typed (a quantity like "1,") are left out of the preview.
  const priced = lines.filter(
    (l) => typeof l.unitPriceHtCents === 'number' && quantityHundredths(l.quantity) != null,
  ) as { quantity: string; unitPriceHtCents: number; vatRateBp: number }[];
  const totals = computeTotals(priced, { noCharge });

  const update = (key: number, patch: Partial<LineDraft>) =>
    setRows((all) => all.map((r) => (r.key === key ? { ...r, ...patch } : r)));
  const addRow = () => {
    setRows((all) => [...all, { key: nextKey, label: '', quantity: '1', unitPrice: '0,00', vatRateBp: 2000 }]);
    setNextKey((k) => k + 1);
  };

  return (
    <form
      action={formAction}
      onSubmit={onSubmit}
      onFocus={validate.preload}
      aria-label="Compte rendu"
      className="space-y-4"
      noValidate
    >
      <input type="hidden" name="updatedAt" value={version} />
      <input type="hidden" name="lines" value={JSON.stringify(lines)} />
      <input type="hidden" name="noChargeField" value="1" />
      {started && (
        <>
          <TextareaField
            label="Travail effectué"
            name="workDone"
            rows={4}
            defaultValue={initial.workDone ?? ''}
            error={errors.workDone}
          />
          {hasVehicle && (
            <TextField
              label="Kilométrage relevé (km)"
              name="odometerKm"
              type="number"
              inputMode="numeric"
              min={0}
              defaultValue={initial.odometerKm ?? ''}
              hint={mileage != null ? `Dernier relevé : ${mileage.toLocaleString('fr-FR')} km` : undefined}
              error={errors.odometerKm}
            />
          )}
        </>
      )}

      <fieldset className="space-y-3">
        <legend className="text-sm font-medium text-slate-800">Pièces et main-d’œuvre</legend>
        {!pricing && (
          <p className="text-xs text-slate-600">
            Les prix sont ceux fixés par un responsable ; une nouvelle ligne reste à 0 € (« à chiffrer » par le bureau).
          </p>
        )}
        {rows.length === 0 && <p className="text-sm text-slate-600">Aucune ligne.</p>}
        <ol className="space-y-3">
          {rows.map((row, index) => {
            const err = (field: string) => firstError(errors[`lines.${index}.${field}`]);
            const id = (field: string) => `line-${row.key}-${field}`;
            return (
              <li key={row.key} className="grid grid-cols-6 gap-2 rounded-md border border-slate-200 p-2">
                <div className="col-span-6">
                  <label htmlFor={id('label')} className="block text-xs font-medium text-slate-700">
                    Libellé (ligne {index + 1})
                  </label>
                  <input
                    id={id('label')}
                    value={row.label}
                    onChange={(e) => update(row.key, { label: e.target.value })}
                    className={inputClasses(!!err('label'))}
                    aria-invalid={err('label') ? true : undefined}
                  />
                  {err('label') && <p className="text-xs text-red-800">{err('label')}</p>}
                </div>
                <div className="col-span-2">
                  <label htmlFor={id('quantity')} className="block text-xs font-medium text-slate-700">
                    Quantité
                  </label>
                  <input
                    id={id('quantity')}
                    inputMode="decimal"
                    value={row.quantity}
                    onChange={(e) => update(row.key, { quantity: e.target.value })}
                    className={inputClasses(!!err('quantity'))}
                    aria-invalid={err('quantity') ? true : undefined}
                  />
                </div>
                <div className="col-span-2">
                  <label htmlFor={id('price')} className="block text-xs font-medium text-slate-700">
                    Prix unitaire HT (€)
                  </label>
                  <input
                    id={id('price')}
                    inputMode="decimal"
                    value={row.unitPrice}
                    readOnly={!pricing}
                    onChange={(e) => update(row.key, { unitPrice: e.target.value })}
                    className={inputClasses(!!err('unitPriceHtCents'))}
                    aria-invalid={err('unitPriceHtCents') ? true : undefined}
                  />
                </div>
                <div className="col-span-2">
                  <label htmlFor={id('vat')} className="block text-xs font-medium text-slate-700">
                    TVA
                  </label>
                  <select
                    id={id('vat')}
                    value={row.vatRateBp}
                    onChange={(e) => update(row.key, { vatRateBp: Number(e.target.value) })}
                    className={inputClasses(false)}
                  >
                    {VAT_RATES_BP.map((bp) => (
                      <option key={bp} value={bp}>
                        {VAT_RATE_LABELS[bp]}
                      </option>
                    ))}
                  </select>
                </div>
                {(err('quantity') || err('unitPriceHtCents')) && (
                  <p className="col-span-6 text-xs text-red-800">{err('quantity') ?? err('unitPriceHtCents')}</p>
                )}
                <div className="col-span-6 flex justify-end">
                  <Button
                    variant="ghost"
                    size="sm"
                    onClick={() => setRows((all) => all.filter((r) => r.key !== row.key))}
                    aria-label={`Supprimer la ligne ${index + 1}`}
                  >
                    Supprimer
                  </Button>
                </div>
              </li>
            );
          })}
        </ol>
        {firstError(errors.lines) && <p className="text-sm text-red-800">{firstError(errors.lines)}</p>}
        <Button variant="secondary" onClick={addRow}>
          Ajouter une ligne
        </Button>
      </fieldset>

      <label className="flex min-h-11 items-center gap-3 text-sm font-medium text-slate-800">
        <input
          type="checkbox"
          name="noCharge"
          checked={noCharge}
          onChange={(e) => setNoCharge(e.target.checked)}
          className="size-5"
        />
        Sans facturation
      </label>

      {canComplete && (
        <label className="flex min-h-11 items-center gap-3 text-sm font-medium text-slate-800">
          <input type="checkbox" name="sendReport" className="size-5" />
          Envoyer le rapport au client par e-mail (à la fin)
        </label>
      )}

      <p className="text-sm tabular-nums text-slate-700" aria-live="polite">
        Total : {formatMoney(totals.totalHtCents)} HT · {formatMoney(totals.totalTtcCents)} TTC
      </p>

      {!state.ok && state.message && (
        <p role="alert" className="text-sm text-red-800">
          {state.message}
        </p>
      )}
      <div className="sticky bottom-0 -mx-4 flex flex-col gap-2 border-t border-slate-200 bg-white/95 px-4 py-3 sm:static sm:mx-0 sm:flex-row sm:border-0 sm:p-0">
        <SubmitButton name="intent" value="save" variant="secondary" pendingLabel="Enregistrement…">
          Enregistrer
        </SubmitButton>
        {canComplete && (
          <SubmitButton name="intent" value="complete" pendingLabel="Finalisation…">
            Terminer l’intervention
          </SubmitButton>
        )}
      </div>
    </form>
  );
}
