'use client';

import dynamic from 'next/dynamic';
import { useCallback, useId, useRef, useState } from 'react';
import { Button } from '@/components/ui/button';
import { formatDate } from '@/components/ui/format';
import {
  CHANNEL_LABELS,
  CONSENT_CHANNELS,
  CONSENT_PURPOSES,
  PURPOSE_LABELS,
  sourceLabel,
  type ConsentChannel,
  type ConsentPurpose,
} from '@/lib/consents/config';
import type { ConsentCell, ConsentGrid, ProofDocumentOption } from '@/lib/consents/queries';
import { ConsentStateBadge } from './consent-state-badge';

// Fetched when a grant or withdrawal is opened: zod and the consent schema stay out of the tab's first load.
const ConsentForm = dynamic(() => import('./consent-form').then((m) => m.ConsentForm), {
  loading: () => (
    <p role="status" className="text-sm text-slate-600">
      Chargement du formulaire…
    </p>
  ),
});

interface Selection {
  purpose: ConsentPurpose;
  channel: ConsentChannel;
  granted: boolean;
  key: number;
}

export interface ConsentPanelProps {
  customerId: string;
  grid: ConsentGrid;
  documents: ProofDocumentOption[];
  canRecord: boolean;
}

/** Purposes × channels: a table on wide screens, one list per purpose on phones; one dialog to record. */
export function ConsentPanel({ customerId, grid, documents, canRecord }: ConsentPanelProps) {
  const dialogRef = useRef<HTMLDialogElement>(null);
  const [selection, setSelection] = useState<Selection | null>(null);
  const titleId = useId();

  const open = (purpose: ConsentPurpose, channel: ConsentChannel, granted: boolean) => {
    setSelection((s) => ({ purpose, channel, granted, key: (s?.key ?? 0) + 1 }));
    dialogRef.current?.showModal();
  };
  const close = useCallback(() => dialogRef.current?.close(), []);

  const actions = (purpose: ConsentPurpose, channel: ConsentChannel, cell: ConsentCell) => {
    if (!canRecord) return null;
    const where = `${PURPOSE_LABELS[purpose]} par ${CHANNEL_LABELS[channel].toLowerCase()}`;
    return (
      <div className="flex flex-wrap gap-1">
        {cell.state === 'granted' ? (
          <>
            <Button
              size="sm"
              variant="ghost"
              className="text-red-800"
              onClick={() => open(purpose, channel, false)}
              aria-label={`Retirer le consentement ${where}`}
            >
              Retirer
            </Button>
            <Button
              size="sm"
              variant="ghost"
              onClick={() => open(purpose, channel, true)}
              aria-label={`Renouveler le consentement ${where}`}
            >
              Renouveler
            </Button>
          </>
        ) : (
          <Button
            size="sm"
            variant="ghost"
            className="text-blue-800"
            onClick={() => open(purpose, channel, true)}
            aria-label={`Accorder le consentement ${where}`}
          >
            Accorder
          </Button>
        )}
      </div>
    );
  };

  const details = (cell: ConsentCell) =>
    cell.state === 'never' ? null : (
      <p className="text-xs text-slate-600">
        depuis le {formatDate(cell.since)} · {sourceLabel(cell.source ?? '')}
        {cell.textVersion ? ` · texte ${cell.textVersion}` : ''}
      </p>
    );

  return (
    <>
      <div className="hidden overflow-x-auto md:block">
        <table className="w-full border-collapse text-left text-sm">
          <caption className="sr-only">État des consentements par finalité et par canal</caption>
          <thead>
            <tr className="border-b border-slate-200 text-slate-700">
              <th scope="col" className="px-3 py-2 font-medium">
                Finalité
              </th>
              {CONSENT_CHANNELS.map((c) => (
                <th key={c} scope="col" className="px-3 py-2 font-medium">
                  {CHANNEL_LABELS[c]}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {CONSENT_PURPOSES.map((p) => (
              <tr key={p} className="border-b border-slate-100 align-top">
                <th scope="row" className="px-3 py-3 font-medium text-slate-900">
                  {PURPOSE_LABELS[p]}
                </th>
                {CONSENT_CHANNELS.map((c) => (
                  <td key={c} className="space-y-1 px-3 py-3">
                    <ConsentStateBadge state={grid[p][c].state} />
                    {details(grid[p][c])}
                    {actions(p, c, grid[p][c])}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>

      <div className="space-y-3 md:hidden">
        {CONSENT_PURPOSES.map((p) => (
          <section key={p} aria-labelledby={`consent-m-${p}`} className="rounded-lg border border-slate-200">
            <h3
              id={`consent-m-${p}`}
              className="border-b border-slate-100 px-3 py-2 text-sm font-semibold text-slate-900"
            >
              {PURPOSE_LABELS[p]}
            </h3>
            <ul className="divide-y divide-slate-100">
              {CONSENT_CHANNELS.map((c) => (
                <li key={c} className="flex flex-wrap items-center justify-between gap-2 px-3 py-2">
                  <div className="min-w-0 space-y-1">
                    <p className="text-sm font-medium text-slate-800">
                      {CHANNEL_LABELS[c]} <ConsentStateBadge state={grid[p][c].state} />
                    </p>
                    {details(grid[p][c])}
                  </div>
                  {actions(p, c, grid[p][c])}
                </li>
              ))}
            </ul>
          </section>
        ))}
      </div>

      <dialog
        ref={dialogRef}
        aria-labelledby={titleId}
        className="m-auto w-[calc(100%-2rem)] max-w-lg rounded-lg bg-white p-0 text-slate-900 shadow-xl backdrop:bg-slate-900/50"
      >
        <div className="space-y-3 p-4 sm:p-6">
          <h2 id={titleId} className="text-lg font-semibold text-slate-900">
            {selection?.granted ? 'Enregistrer un accord' : 'Enregistrer un retrait'}
          </h2>
          {selection && (
            <ConsentForm
              key={selection.key}
              customerId={customerId}
              purpose={selection.purpose}
              channel={selection.channel}
              granted={selection.granted}
              documents={documents}
              onDone={close}
              onCancel={close}
            />
          )}
        </div>
      </dialog>
    </>
  );
}
