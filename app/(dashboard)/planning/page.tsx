import Link from 'next/link';
import { Suspense } from 'react';
import { DayPicker, dayTitle } from '@/components/interventions/day-view';
import { PlanningView } from '@/components/interventions/planning-view';
import { buttonClasses } from '@/components/ui/button';
import { Pager } from '@/components/ui/pager';
import { TabSkeleton } from '@/components/ui/skeleton';
import { requirePageActor } from '@/lib/auth/session';
import { firstParam, type PageSearchParams } from '@/lib/http/page-params';
import { loadAssignableTechnicians, loadPlanning, parisToday } from '@/lib/interventions/page';
import { dayField } from '@/lib/interventions/schema';

export const metadata = { title: 'Planning' };

async function Planning({ date, week, cursor }: { date: string; week: boolean; cursor?: string }) {
  const [page, technicians] = await Promise.all([
    loadPlanning({ date, span: week ? 'week' : 'day', cursor }),
    loadAssignableTechnicians(),
  ]);
  const base = `/planning?date=${date}${week ? '&span=week' : ''}`;
  return (
    <>
      <PlanningView items={page.data} technicians={technicians} week={week} />
      <Pager
        href={base}
        onFirst={!cursor}
        nextHref={page.nextCursor ? `${base}&cursor=${encodeURIComponent(page.nextCursor)}` : null}
        label="planning"
      />
    </>
  );
}

/** Managers: every technician's interventions for a day or a week, with reassignment. */
export default async function PlanningPage({ searchParams }: { searchParams: Promise<PageSearchParams> }) {
  await requirePageActor('intervention.plan');
  const query = await searchParams;
  const today = parisToday();
  const asked = firstParam(query.date);
  const date = asked && dayField.safeParse(asked).success ? asked : today;
  const week = firstParam(query.span) === 'week';
  const cursor = firstParam(query.cursor);
  return (
    <div className="space-y-4">
      <div>
        <h1 className="text-2xl font-semibold text-slate-900">Planning</h1>
        <p className="text-sm text-slate-600 first-letter:uppercase">
          {week ? `Semaine du ${dayTitle(date)}` : dayTitle(date)}
        </p>
      </div>
      <div className="flex flex-wrap items-end gap-2">
        <DayPicker path="/planning" date={date} today={today} week={week} />
        <nav aria-label="Période" className="flex gap-1">
          <Link
            href={`/planning?date=${date}`}
            aria-current={!week ? 'page' : undefined}
            className={buttonClasses(week ? 'ghost' : 'secondary')}
          >
            Jour
          </Link>
          <Link
            href={`/planning?date=${date}&span=week`}
            aria-current={week ? 'page' : undefined}
            className={buttonClasses(week ? 'secondary' : 'ghost')}
          >
            Semaine
          </Link>
        </nav>
      </div>
      <Suspense
        key={`${date}:${week}:${cursor ?? ''}`}
        fallback={<TabSkeleton label="Chargement du planning" cards={3} />}
      >
        <Planning date={date} week={week} cursor={cursor} />
      </Suspense>
    </div>
  );
}
