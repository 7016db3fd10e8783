import type { ReactNode } from 'react';
import { EmptyState } from '@/components/ui/empty-state';
import { formatDateTime } from '@/components/ui/format';
import { KeysetNav } from '@/components/ui/keyset-nav';
import { channelLabel, purposeLabel, sourceLabel } from '@/lib/consents/config';
import type { ConsentEventDto } from '@/lib/consents/queries';
import type { Page } from '@/lib/pagination';

function Decision({ granted }: { granted: boolean }) {
  return (
    <span className={granted ? 'font-medium text-green-800' : 'font-medium text-red-800'}>
      {granted ? 'Accord' : 'Retrait'}
    </span>
  );
}

function Proof({ event, customerId }: { event: ConsentEventDto; customerId: string }) {
  const parts: ReactNode[] = [];
  if (event.textVersion) parts.push(<span key="v">Texte {event.textVersion}</span>);
  if (event.proofText)
    parts.push(
      <span key="p" className="block whitespace-pre-line text-slate-600">
        {event.proofText}
      </span>,
    );
  if (event.documentId)
    parts.push(
      <a
        key="d"
        className="block text-blue-800 underline"
        href={`/api/customers/${customerId}/documents/${event.documentId}`}
      >
        Document signé
      </a>,
    );
  return parts.length ? <>{parts}</> : <span className="text-slate-500">—</span>;
}

/**
 * Append-only history, newest first. Keyset pages through `?historyCursor=` (the server renders
 * each page; "plus récents" goes back to the first page).
 */
export function ConsentHistory({
  customerId,
  page,
  isFirstPage,
}: {
  customerId: string;
  page: Page<ConsentEventDto>;
  isFirstPage: boolean;
}) {
  if (!page.data.length && isFirstPage) {
    return (
      <EmptyState
        title="Aucun consentement enregistré"
        description="Les accords et retraits apparaîtront ici, sans jamais être modifiés."
      />
    );
  }
  const base = `/customers/${customerId}/consents`;
  return (
    <div className="space-y-3">
      <div className="hidden overflow-x-auto md:block">
        <table className="w-full border-collapse text-left text-sm">
          <caption className="sr-only">Historique des consentements</caption>
          <thead>
            <tr className="border-b border-slate-200 text-slate-700">
              {['Date', 'Finalité', 'Canal', 'Décision', 'Source', 'Preuve', 'Enregistré par'].map((h) => (
                <th key={h} scope="col" className="px-3 py-2 font-medium">
                  {h}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {page.data.map((e) => (
              <tr key={e.id} className="border-b border-slate-100 align-top">
                <td className="px-3 py-2 whitespace-nowrap">{formatDateTime(e.occurredAt)}</td>
                <td className="px-3 py-2">{purposeLabel(e.purpose)}</td>
                <td className="px-3 py-2">{channelLabel(e.channel)}</td>
                <td className="px-3 py-2">
                  <Decision granted={e.granted} />
                </td>
                <td className="px-3 py-2">{sourceLabel(e.source)}</td>
                <td className="max-w-xs px-3 py-2">
                  <Proof event={e} customerId={customerId} />
                </td>
                <td className="px-3 py-2">
                  {e.actor.name}
                  {e.ip && <span className="block text-xs text-slate-500">IP {e.ip}</span>}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <ul className="space-y-2 md:hidden">
        {page.data.map((e) => (
          <li key={e.id} className="rounded-lg border border-slate-200 p-3 text-sm">
            <p className="flex flex-wrap justify-between gap-2">
              <Decision granted={e.granted} />
              <span className="text-slate-600">{formatDateTime(e.occurredAt)}</span>
            </p>
            <p className="mt-1 text-slate-900">
              {purposeLabel(e.purpose)} · {channelLabel(e.channel)}
            </p>
            <p className="text-slate-600">
              {sourceLabel(e.source)} · par {e.actor.name}
            </p>
            <div className="mt-1">
              <Proof event={e} customerId={customerId} />
            </div>
          </li>
        ))}
      </ul>
      <KeysetNav
        label="Pages de l’historique"
        olderLabel="Événements plus anciens"
        isFirstPage={isFirstPage}
        nextCursor={page.nextCursor}
        href={(cursor) => `${base}${cursor ? `?historyCursor=${encodeURIComponent(cursor)}` : ''}#historique`}
      />
    </div>
  );
}
