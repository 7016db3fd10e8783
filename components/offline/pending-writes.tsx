'use client';

import { Badge, type BadgeTone } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { formatDateTime } from '@/components/ui/format';
import type { QueuedItem } from '@/lib/offline/queue';
import { useOffline } from './offline-provider';

const STATUS: Record<QueuedItem['status'], { label: string; tone: BadgeTone }> = {
  pending: { label: 'En attente', tone: 'neutral' },
  sending: { label: 'Envoi en cours…', tone: 'info' },
  failed: { label: 'Refusé', tone: 'danger' },
  conflict: { label: 'Conflit', tone: 'warning' },
};

function PendingItem({ item }: { item: QueuedItem }) {
  const offline = useOffline()!;
  const status = STATUS[item.status];
  const stuck = item.status === 'failed' || item.status === 'conflict';
  return (
    <li className="space-y-1 py-2" data-testid="pending-item">
      <div className="flex items-start justify-between gap-2">
        <span className="text-sm font-medium text-slate-900">{item.label}</span>
        <Badge tone={status.tone}>{status.label}</Badge>
      </div>
      <p className="text-xs text-slate-600">
        Enregistré le {formatDateTime(item.createdAt)}
        {item.attempts > 0 && ` · ${item.attempts} essai${item.attempts > 1 ? 's' : ''}`}
      </p>
      {item.error && (
        <p role={stuck ? 'alert' : undefined} className={stuck ? 'text-sm text-red-800' : 'text-xs text-slate-700'}>
          {item.error}
        </p>
      )}
      <div className="flex gap-2">
        {(stuck || item.error) && item.status !== 'sending' && (
          <Button size="sm" variant="secondary" onClick={() => void offline.retry(item.id)}>
            Réessayer
          </Button>
        )}
        {item.status !== 'sending' && (
          <Button
            size="sm"
            variant="ghost"
            onClick={() => {
              if (window.confirm(`Abandonner « ${item.label} » ? Cet envoi sera perdu.`)) void offline.discard(item.id);
            }}
          >
            Abandonner
          </Button>
        )}
      </div>
    </li>
  );
}

/** Header: « En attente d’envoi (n) », unfolding the list with progress, the server's reasons, retry and discard. */
export function PendingWrites() {
  const offline = useOffline();
  if (!offline || offline.items.length === 0) return null;
  const { items, online, syncing } = offline;
  const stuck = items.filter((i) => i.status === 'failed' || i.status === 'conflict').length;
  return (
    <details className="relative" data-testid="pending-writes">
      <summary className="flex min-h-11 cursor-pointer list-none items-center gap-1 rounded-md border border-amber-300 bg-amber-50 px-2 text-sm font-medium text-amber-950 [&::-webkit-details-marker]:hidden">
        En attente d’envoi <span className="tabular-nums">({items.length})</span>
        {stuck > 0 && <span className="sr-only">, dont {stuck} en échec</span>}
      </summary>
      <div className="absolute right-0 z-40 mt-2 w-80 max-w-[calc(100vw-1.5rem)] rounded-lg border border-slate-200 bg-white p-3 shadow-lg">
        <p className="text-sm text-slate-700" aria-live="polite">
          {syncing
            ? 'Envoi en cours…'
            : online
              ? 'Connexion disponible.'
              : 'Hors ligne : envoi au retour de la connexion.'}
        </p>
        <ol className="max-h-96 divide-y divide-slate-100 overflow-y-auto">
          {items.map((item) => (
            <PendingItem key={item.id} item={item} />
          ))}
        </ol>
        {online && !syncing && (
          <Button size="sm" className="mt-2 w-full" onClick={() => void offline.sendNow()}>
            Envoyer maintenant
          </Button>
        )}
      </div>
    </details>
  );
}
