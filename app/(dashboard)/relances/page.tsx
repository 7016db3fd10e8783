import type { Metadata } from 'next';
import Link from 'next/link';
import { DueVehicleList } from '@/components/reminders/due-vehicle-list';
import { buttonClasses } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/empty-state';
import { formatDate } from '@/components/ui/format';
import { can } from '@/lib/auth/permissions';
import { requirePageActor } from '@/lib/auth/session';
import { AppError } from '@/lib/errors';
import { parisToday } from '@/lib/interventions/time';
import { loadDueVehiclesPage } from '@/lib/reminders/queries';
import { dueVehiclesQuerySchema, REMINDER_WINDOWS } from '@/lib/reminders/schema';

export const metadata: Metadata = { title: 'À relancer' };

type SearchParams = Record<string, string | string[] | undefined>;
const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

const href = (days: number, cursor?: string | null) =>
  `/relances?days=${days}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;

/** "À relancer" (managers): vehicles whose contrôle technique or service falls due within 30/60/90 days. */
export default async function RemindersPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const actor = await requirePageActor('intervention.plan');
  const params = await searchParams;
  const requested = Number(first(params.days));
  const days = (REMINDER_WINDOWS as readonly number[]).includes(requested) ? requested : REMINDER_WINDOWS[0];
  // A hand-edited cursor that does not even parse: the first page.
  const parsed = dueVehiclesQuerySchema.safeParse({ days, limit: 25, cursor: first(params.cursor) || undefined });
  const query = parsed.success ? parsed.data : dueVehiclesQuerySchema.parse({ days, limit: 25 });
  const today = parisToday();

  let page: Awaited<ReturnType<typeof loadDueVehiclesPage>> | null = null;
  try {
    page = await loadDueVehiclesPage({ ...query, today });
  } catch (error) {
    // A stale or hand-edited cursor: offer the first page instead of an error page.
    if (!(error instanceof AppError) || error.code !== 'bad_request') throw error;
  }
  const rows = page?.data ?? [];

  return (
    <div className="space-y-4">
      <div className="space-y-1">
        <h1 className="text-2xl font-semibold text-slate-900">À relancer</h1>
        <p className="text-sm text-slate-600">
          Véhicules dont le contrôle technique ou l’entretien arrive à échéance d’ici le{' '}
          {formatDate(`${page?.until ?? today}T12:00:00Z`, 'long')}, retards compris ; les véhicules ayant déjà une
          intervention prévue n’y figurent pas. Le rappel est un e-mail de prospection : il n’est envoyé qu’aux clients
          qui l’ont accepté.
        </p>
      </div>
      <nav aria-label="Fenêtre" className="flex flex-wrap gap-2">
        {REMINDER_WINDOWS.map((n) => (
          <Link
            key={n}
            href={href(n)}
            aria-current={n === days ? 'page' : undefined}
            className={buttonClasses(n === days ? 'primary' : 'secondary', 'sm')}
          >
            {n} jours
          </Link>
        ))}
      </nav>
      {!page ? (
        <p role="alert" className="rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900">
          Ce lien de pagination n’est plus valide. <Link href={href(days)}>Reprendre depuis la première page</Link>.
        </p>
      ) : rows.length === 0 ? (
        <EmptyState
          title="Rien à relancer"
          description={`Aucun contrôle technique ni entretien à prévoir dans les ${days} prochains jours.`}
        />
      ) : (
        <>
          <DueVehicleList rows={rows} today={today} days={days} canSend={can(actor.role, 'email.send')} />
          <div className="flex gap-2">
            {query.cursor && (
              <Link href={href(days)} className={buttonClasses('secondary', 'sm')}>
                Première page
              </Link>
            )}
            {page.nextCursor && (
              <Link href={href(days, page.nextCursor)} className={buttonClasses('secondary', 'sm')}>
                Page suivante
              </Link>
            )}
          </div>
        </>
      )}
    </div>
  );
}
