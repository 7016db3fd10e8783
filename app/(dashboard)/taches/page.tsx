import Link from 'next/link';
import { Suspense } from 'react';
import { TaskRows } from '@/components/tasks/task-rows';
import { buttonClasses } from '@/components/ui/button';
import { Pager } from '@/components/ui/pager';
import { cn } from '@/components/ui/cn';
import { EmptyState } from '@/components/ui/empty-state';
import { TabSkeleton } from '@/components/ui/skeleton';
import type { Actor } from '@/lib/auth/actor';
import { requirePageActor } from '@/lib/auth/session';
import { firstParam, type PageSearchParams } from '@/lib/http/page-params';
import { loadMyTasks } from '@/lib/tasks/page';
import { TASK_FILTERS, type TaskFilter } from '@/lib/tasks/schema';

export const metadata = { title: 'Mes tâches' };

const FILTER_LABELS: Record<TaskFilter, string> = {
  open: 'À faire',
  overdue: 'En retard',
  week: 'Cette semaine',
  done: 'Terminées',
};
const EMPTY: Record<TaskFilter, string> = {
  open: 'Aucune tâche à faire.',
  overdue: 'Aucune tâche en retard.',
  week: 'Aucune tâche pour cette semaine.',
  done: 'Aucune tâche terminée.',
};

function href(filter: TaskFilter, everyone: boolean, cursor?: string) {
  const q = new URLSearchParams({ filtre: filter });
  if (everyone) q.set('qui', 'tous');
  if (cursor) q.set('cursor', cursor);
  return `/taches?${q}`;
}

async function List({
  actor,
  filter,
  everyone,
  cursor,
}: {
  actor: Actor;
  filter: TaskFilter;
  everyone: boolean;
  cursor?: string;
}) {
  const page = await loadMyTasks(actor, { filter, everyone, cursor });
  if (!page.data.length) return <EmptyState title={EMPTY[filter]} />;
  return (
    <>
      <TaskRows tasks={page.data} showCustomer label={FILTER_LABELS[filter]} />
      <Pager
        href={href(filter, everyone)}
        onFirst={!cursor}
        nextHref={page.nextCursor ? href(filter, everyone, page.nextCursor) : null}
        label={FILTER_LABELS[filter]}
      />
    </>
  );
}

/** « Mes tâches »: the follow-up tasks assigned to me (or to everyone, for managers), by due date. */
export default async function TasksPage({ searchParams }: { searchParams: Promise<PageSearchParams> }) {
  const actor = await requirePageActor('task.read');
  const query = await searchParams;
  const asked = firstParam(query.filtre);
  const filter: TaskFilter = TASK_FILTERS.includes(asked as TaskFilter) ? (asked as TaskFilter) : 'open';
  const canSeeEveryone = actor.role !== 'technician';
  const everyone = canSeeEveryone && firstParam(query.qui) === 'tous';
  const cursor = firstParam(query.cursor);
  return (
    <div className="mx-auto max-w-3xl space-y-4">
      <h1 className="text-2xl font-semibold text-slate-900">{everyone ? 'Tâches de l’équipe' : 'Mes tâches'}</h1>
      <nav aria-label="Filtres des tâches" className="flex flex-wrap gap-2">
        {TASK_FILTERS.map((f) => (
          <Link
            key={f}
            href={href(f, everyone)}
            aria-current={f === filter ? 'page' : undefined}
            className={cn(buttonClasses(f === filter ? 'primary' : 'secondary', 'sm'), 'min-h-11')}
          >
            {FILTER_LABELS[f]}
          </Link>
        ))}
        {canSeeEveryone && (
          <Link href={href(filter, !everyone)} className={cn(buttonClasses('ghost', 'sm'), 'min-h-11')}>
            {everyone ? 'Seulement les miennes' : 'Toute l’équipe'}
          </Link>
        )}
      </nav>
      <Suspense
        key={`${filter}:${everyone}:${cursor ?? ''}`}
        fallback={<TabSkeleton label="Chargement des tâches" cards={2} />}
      >
        <List actor={actor} filter={filter} everyone={everyone} cursor={cursor} />
      </Suspense>
    </div>
  );
}
