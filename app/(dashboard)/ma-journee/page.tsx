import { Suspense } from 'react';
import { DayList, DayPicker, dayTitle } from '@/components/interventions/day-view';
import { WarmOffline } from '@/components/offline/warm-offline';
import { Pager } from '@/components/ui/pager';
import { TabSkeleton } from '@/components/ui/skeleton';
import type { Actor } from '@/lib/auth/actor';
import { requirePageActor } from '@/lib/auth/session';
import { firstParam, type PageSearchParams } from '@/lib/http/page-params';
import { loadMyDay, parisToday } from '@/lib/interventions/page';
import { dayField } from '@/lib/interventions/schema';

export const metadata = { title: 'Ma journée' };

async function Day({ actor, date, cursor }: { actor: Actor; date: string; cursor?: string }) {
  const page = await loadMyDay(actor, { date, cursor });
  // Kept on the device for the day without a network: each visit's customer and intervention pages.
  const customerIds = [...new Set(page.data.map((iv) => iv.customerId))];
  const urls = [
    ...customerIds.map((id) => `/customers/${id}`),
    ...page.data.map((iv) => `/customers/${iv.customerId}/interventions/${iv.id}`),
  ];
  return (
    <>
      <WarmOffline
        urls={urls}
        customerIds={customerIds}
        stamp={page.data.map((iv) => iv.updatedAt.getTime()).join('.')}
      />
      <DayList items={page.data} />
      <Pager
        href={`/ma-journee?date=${date}`}
        onFirst={!cursor}
        nextHref={page.nextCursor ? `/ma-journee?date=${date}&cursor=${encodeURIComponent(page.nextCursor)}` : null}
        label="visites du jour"
      />
    </>
  );
}

/** The technician's first screen: their visits of the day (Paris), in time order. */
export default async function MaJourneePage({ searchParams }: { searchParams: Promise<PageSearchParams> }) {
  const actor = await requirePageActor('intervention.report');
  const query = await searchParams;
  const today = parisToday();
  const asked = firstParam(query.date);
  const date = asked && dayField.safeParse(asked).success ? asked : today;
  const cursor = firstParam(query.cursor);
  return (
    <div className="mx-auto max-w-xl space-y-4">
      <div>
        <h1 className="text-2xl font-semibold text-slate-900">Ma journée</h1>
        <p className="text-sm text-slate-600 first-letter:uppercase">{dayTitle(date)}</p>
      </div>
      <DayPicker path="/ma-journee" date={date} today={today} />
      <Suspense key={`${date}:${cursor ?? ''}`} fallback={<TabSkeleton label="Chargement de la journée" cards={3} />}>
        <Day actor={actor} date={date} cursor={cursor} />
      </Suspense>
    </div>
  );
}
