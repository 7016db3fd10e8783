import type { Metadata } from 'next';
import Link from 'next/link';
import { FilterBar } from '@/components/admin/filter-bar';
import { Card } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import { SelectField, TextField } from '@/components/ui/field';
import { formatDateTime } from '@/components/ui/format';
import { requirePageActor } from '@/lib/auth/session';
import { EVENT_GROUP_LABELS, USER_EVENT_LABELS } from '@/lib/users/events';
import { loadJournal } from '@/lib/users/page';

export const metadata: Metadata = { title: 'Journal des comptes' };

const groups = Object.entries(EVENT_GROUP_LABELS).map(([value, label]) => ({ value, label }));

/** What changed, in words (never a secret: the journal holds none). */
function details(metadata: Record<string, unknown>): string {
  const parts: string[] = [];
  if (typeof metadata.label === 'string') parts.push(metadata.label);
  else if (metadata.from !== undefined && metadata.to !== undefined)
    parts.push(`${String(metadata.from)} → ${String(metadata.to)}`);
  else if (typeof metadata.role === 'string') parts.push(`rôle ${metadata.role}`);
  if (metadata.by === 'sso') parts.push('via SSO');
  if (metadata.by === 'cli') parts.push('en ligne de commande');
  if (metadata.by === 'self') parts.push('par la personne');
  if (typeof metadata.reason === 'string') parts.push(`motif : ${metadata.reason}`);
  return parts.join(' · ');
}

export default async function JournalPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  await requirePageActor('admin');
  const params = await searchParams;
  const { filters, page } = await loadJournal(params);
  const next = new URLSearchParams();
  for (const [k, v] of Object.entries(filters)) if (v) next.set(k, String(v));
  if (page.nextCursor) next.set('cursor', page.nextCursor);
  return (
    <>
      <div className="space-y-1">
        <h1 className="text-2xl font-semibold text-slate-900">Journal des comptes</h1>
        <p className="text-sm text-slate-600">
          Invitations, rôles, désactivations, mots de passe, SSO et jetons d’API : qui, quand, depuis quelle adresse.
        </p>
      </div>
      <FilterBar label="Filtrer le journal">
        <SelectField
          label="Catégorie"
          name="group"
          defaultValue={filters.group ?? ''}
          placeholder="Toutes"
          options={groups}
        />
        <TextField label="Compte ou auteur" name="q" type="search" defaultValue={filters.q ?? ''} />
        <TextField label="Depuis le" name="since" type="date" defaultValue={filters.since ?? ''} />
      </FilterBar>
      <Card title="Événements" flush>
        {page.data.length === 0 ? (
          <div className="p-4">
            <EmptyState title="Aucun événement" description="Rien ne correspond à ces filtres." />
          </div>
        ) : (
          <ol className="divide-y divide-slate-100">
            {page.data.map((e) => (
              <li key={e.id} className="space-y-1 p-4" data-testid="journal-row">
                <p className="flex flex-wrap items-baseline gap-x-2">
                  <span className="font-medium text-slate-900">{USER_EVENT_LABELS[e.event] ?? e.event}</span>
                  {e.targetLabel && <span className="break-all text-slate-700">{e.targetLabel}</span>}
                </p>
                <p className="text-sm text-slate-600">
                  <time dateTime={e.occurredAt.toISOString()}>{formatDateTime(e.occurredAt)}</time> · par {e.actorName}
                  {e.ip ? ` · ${e.ip}` : ''}
                  {details(e.metadata) ? ` · ${details(e.metadata)}` : ''}
                </p>
              </li>
            ))}
          </ol>
        )}
      </Card>
      {page.nextCursor && (
        <p>
          <Link href={`/admin/journal?${next.toString()}`} className="inline-flex min-h-11 items-center">
            Événements plus anciens →
          </Link>
        </p>
      )}
    </>
  );
}
