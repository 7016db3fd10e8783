'use client';

import { type FormEvent, useActionState, useState } from 'react';
import { Button } from '@/components/ui/button';
import { SubmitButton } from '@/components/ui/submit-button';
import type { ActionState } from '@/lib/actions';
import { runLegacyImportAction, type ImportPreview } from '@/lib/legacy-import/actions';
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

type Preview = ActionState<ImportPreview> & { progress?: number; sending?: boolean };

/**
 * Step 1 posts the file to the streaming route POST /api/admin/legacy-import with XMLHttpRequest (upload
 * progress; a server action would be capped at 2 MB); step 2 is the "Importer" action (checksum only).
 */
function sendFile(file: File, onProgress: (percent: number) => void): Promise<ActionState<ImportPreview>> {
  return new Promise((resolve) => {
    const form = new FormData();
    form.append('file', file, file.name);
    const xhr = new XMLHttpRequest();
    xhr.open('POST', '/api/admin/legacy-import');
    xhr.responseType = 'json';
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) onProgress(Math.round((e.loaded / e.total) * 100));
    };
    xhr.onload = () => {
      const body = xhr.response as
        | (ImportPreview & { message: string })
        | { error?: { message?: string; fields?: Record<string, string[]> } }
        | null;
      if (xhr.status === 200 && body && 'checksum' in body) {
        const { message, ...data } = body;
        resolve({ ok: true, message, data });
        return;
      }
      const error = body && 'error' in body ? body.error : undefined;
      resolve({
        ok: false,
        message: error?.message ?? `Échec de l’envoi (HTTP ${xhr.status}).`,
        fieldErrors: error?.fields,
      });
    };
    xhr.onerror = () => resolve({ ok: false, message: 'Connexion interrompue : le fichier n’a pas été envoyé.' });
    xhr.send(form);
  });
}

export function ImportPanel() {
  const [preview, setPreview] = useState<Preview>(initial);
  const [result, importAction] = useActionState(runLegacyImportAction, initial);
  const shown = result.data ?? preview.data;

  async function onPreview(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const file = (e.currentTarget.elements.namedItem('file') as HTMLInputElement | null)?.files?.[0];
    if (!file || file.size === 0) {
      setPreview({
        ok: false,
        message: 'Choisissez un fichier CSV ou JSON.',
        fieldErrors: { file: ['Choisissez un fichier CSV ou JSON.'] },
      });
      return;
    }
    setPreview({ ok: false, message: '', sending: true, progress: 0 });
    const state = await sendFile(file, (progress) => setPreview((p) => ({ ...p, progress })));
    setPreview(state);
  }

  return (
    <div className="space-y-6">
      <form onSubmit={onPreview} className="space-y-3 rounded-xl border border-slate-200 bg-white p-4">
        <label htmlFor="legacy-file" className="block text-sm font-medium text-slate-800">
          Fichier de l’ancien système (CSV « ; » ou JSON, UTF-8 ou Windows-1252, 50 Mo au plus)
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
        <Button type="submit" disabled={preview.sending}>
          {preview.sending ? 'Analyse…' : 'Simuler l’import'}
        </Button>
        {preview.sending && (
          <progress max={100} value={preview.progress ?? 0} className="block w-full" aria-label="Envoi du fichier">
            {preview.progress ?? 0} %
          </progress>
        )}
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
