'use client';

import { useActionState } from 'react';
import { SubmitButton } from '@/components/ui/submit-button';
import type { ActionState } from '@/lib/actions';
import { previewLegacyImportAction, runLegacyImportAction, type ImportPreview } from '@/lib/legacy-import/actions';
import { REJECT_LABELS, type RejectCode, SKIP_LABELS, type SkipCode } from '@/lib/legacy-import/labels';

const initial: ActionState<ImportPreview> = { ok: false, message: '' };

const STATUS: Record<string, { label: string; cls: string }> = {
  'would-import': { label: 'À importer', cls: 'bg-emerald-100 text-emerald-800' },
  imported: { label: 'Importé', cls: 'bg-emerald-100 text-emerald-800' },
  skipped: { label: 'Ignoré', cls: 'bg-amber-100 text-amber-800' },
  rejected: { label: 'Rejeté', cls: 'bg-red-100 text-red-800' },
};

function Report({ preview }: { preview: ImportPreview }) {
  const { report } = preview;
  const s = report.stats;
  return (
    <div className="space-y-3">
      <dl className="grid grid-cols-2 gap-2 text-sm sm:grid-cols-5">
        {[
          ['Lus', s.read],
          [report.dryRun ? 'À importer' : 'Importés', s.imported],
          ['Mis à jour', s.updated],
          ['Doublons ignorés', s.skippedDuplicate],
          ['Rejetés', s.rejected],
        ].map(([k, v]) => (
          <div key={String(k)} className="rounded-lg border border-slate-200 p-2">
            <dt className="text-slate-600">{k}</dt>
            <dd className="text-lg font-semibold">{v}</dd>
          </div>
        ))}
      </dl>
      <ul className="text-sm text-slate-700">
        {Object.entries(s.rejectedByReason).map(([k, n]) => (
          <li key={k}>
            Rejet — {REJECT_LABELS[k as RejectCode]} : {n}
          </li>
        ))}
        {Object.entries(s.skippedByReason).map(([k, n]) => (
          <li key={k}>
            Ignoré — {SKIP_LABELS[k as SkipCode]} : {n}
          </li>
        ))}
      </ul>
      <div className="overflow-x-auto">
        <table className="w-full text-left text-sm">
          <caption className="sr-only">Lignes du fichier et leur sort</caption>
          <thead>
            <tr className="border-b border-slate-200 text-slate-600">
              <th scope="col" className="p-2">
                Ligne
              </th>
              <th scope="col" className="p-2">
                Id
              </th>
              <th scope="col" className="p-2">
                Statut
              </th>
              <th scope="col" className="p-2">
                Détail
              </th>
            </tr>
          </thead>
          <tbody>
            {report.rows.map((r) => (
              <tr key={`${r.line}-${r.legacyId}`} className="border-b border-slate-100 align-top">
                <td className="p-2 tabular-nums">{r.line}</td>
                <td className="p-2">{r.legacyId}</td>
                <td className="p-2">
                  <span className={`rounded px-2 py-0.5 text-xs font-medium ${STATUS[r.status].cls}`}>
                    {STATUS[r.status].label}
                  </span>
                </td>
                <td className="p-2">{r.display ?? r.skip?.message ?? r.reasons?.map((x) => x.message).join(' ; ')}</td>
              </tr>
            ))}
          </tbody>
        </table>
        {report.truncated && (
          <p className="p-2 text-sm text-slate-600">
            Aperçu limité aux 1000 premières lignes ; le rapport complet est disponible en ligne de commande (--report).
          </p>
        )}
      </div>
    </div>
  );
}

export function ImportPanel() {
  const [preview, previewAction] = useActionState(previewLegacyImportAction, initial);
  const [result, importAction] = useActionState(runLegacyImportAction, initial);
  const shown = result.data ?? preview.data;
  return (
    <div className="space-y-6">
      <form action={previewAction} className="space-y-3 rounded-xl border border-slate-200 bg-white p-4">
        <label htmlFor="legacy-file" className="block text-sm font-medium text-slate-800">
          Fichier de l’ancien système (CSV « ; » ou JSON, UTF-8 ou Windows-1252)
        </label>
        <input
          id="legacy-file"
          name="file"
          type="file"
          accept=".csv,.json,.txt"
          required
          className="block min-h-11 w-full text-sm"
          aria-describedby="legacy-file-error"
        />
        {preview.fieldErrors?.file && (
          <p id="legacy-file-error" className="text-sm text-red-700">
            {preview.fieldErrors.file.join(' ')}
          </p>
        )}
        <SubmitButton pendingLabel="Analyse…">Simuler l’import</SubmitButton>
        {preview.message && (
          <p role="status" className={preview.ok ? 'text-sm text-slate-700' : 'text-sm text-red-700'}>
            {preview.message}
          </p>
        )}
      </form>
      {preview.ok && preview.data && !result.data && (
        <form
          action={importAction}
          className="flex flex-wrap items-center gap-3 rounded-xl border border-emerald-200 bg-emerald-50 p-4"
        >
          <input type="hidden" name="checksum" value={preview.data.checksum} />
          <input type="hidden" name="fileName" value={preview.data.fileName} />
          <p className="text-sm text-emerald-900">Une sauvegarde des tables concernées est faite avant l’écriture.</p>
          <SubmitButton pendingLabel="Import en cours…">Importer</SubmitButton>
        </form>
      )}
      {result.message && (
        <p
          role="status"
          className={
            result.ok
              ? 'rounded-lg bg-emerald-50 p-3 text-sm text-emerald-900'
              : 'rounded-lg bg-red-50 p-3 text-sm text-red-800'
          }
        >
          {result.message}
        </p>
      )}
      {shown && <Report preview={shown} />}
    </div>
  );
}
