import Link from 'next/link';
import { buttonClasses } from '@/components/ui/button';
import { inputClasses } from '@/components/ui/field';
import { formatTime } from '@/components/ui/format';
import { geoAddressUri } from '@/lib/geo/links';
import { kindLabel } from '@/lib/interventions/labels';
import { addDays } from '@/lib/interventions/time';
import type { InterventionWithCustomer } from '@/lib/interventions/types';
import { ActionButton } from './status-actions';
import { addressText, InterventionStatusBadge } from './status-badge';

const DAY_TITLE = new Intl.DateTimeFormat('fr-FR', {
  weekday: 'long',
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  timeZone: 'UTC',
});
/** "jeudi 12 mars 2026" for a "YYYY-MM-DD" calendar day. */
export const dayTitle = (day: string) => DAY_TITLE.format(new Date(`${day}T12:00:00Z`));

/** Previous / today / next and a date picker (a plain GET form: works before JavaScript). */
export function DayPicker({ path, date, today, week }: { path: string; date: string; today: string; week?: boolean }) {
  const href = (d: string) => `${path}?date=${d}${week ? '&span=week' : ''}`;
  return (
    <div className="flex flex-wrap items-end gap-2">
      <Link href={href(addDays(date, -1))} className={buttonClasses('secondary')} aria-label="Jour précédent">
        ←
      </Link>
      <form method="get" action={path} className="flex min-w-0 flex-1 items-end gap-2 sm:flex-none">
        {week && <input type="hidden" name="span" value="week" />}
        <label htmlFor="f-date" className="sr-only">
          Date
        </label>
        <input id="f-date" type="date" name="date" defaultValue={date} className={inputClasses(false, 'min-w-0')} />
        <button type="submit" className={buttonClasses('secondary')}>
          Afficher
        </button>
      </form>
      <Link href={href(addDays(date, 1))} className={buttonClasses('secondary')} aria-label="Jour suivant">
        →
      </Link>
      {date !== today && (
        <Link href={href(today)} className={buttonClasses('ghost')}>
          Aujourd’hui
        </Link>
      )}
    </div>
  );
}

/**
 * « Ma journée »: one card per visit in time order. The card's actions (call, route, start/finish)
 * are full-width buttons at its bottom, reachable with the thumb on a 360 px phone.
 */
export function DayList({ items }: { items: InterventionWithCustomer[] }) {
  if (!items.length) return <p className="text-sm text-slate-600">Aucune intervention ce jour-là.</p>;
  return (
    <ol className="space-y-3">
      {items.map((iv) => {
        const address = addressText(iv);
        const phone = iv.customer.mobile ?? iv.customer.phone;
        const href = `/customers/${iv.customerId}/interventions/${iv.id}`;
        const ids = { customerId: iv.customerId, interventionId: iv.id, updatedAt: iv.updatedAt.toISOString() };
        return (
          <li
            key={iv.id}
            className="rounded-lg border border-slate-200 bg-white p-3 shadow-sm"
            aria-label={`${formatTime(iv.scheduledAt)} ${iv.customer.name}`}
          >
            <div className="flex items-start justify-between gap-2">
              <p className="text-lg font-semibold tabular-nums">{formatTime(iv.scheduledAt)}</p>
              <InterventionStatusBadge status={iv.status} />
            </div>
            <p className="mt-1">
              <Link href={href} className="text-base font-medium">
                {iv.customer.name}
              </Link>
              <span className="text-sm text-slate-600"> · {kindLabel(iv.kind)}</span>
            </p>
            {address && <p className="text-sm text-slate-700">{address}</p>}
            {iv.vehicle && <p className="text-sm text-slate-700">{iv.vehicle.label}</p>}
            {iv.description && <p className="mt-1 text-sm text-slate-600">{iv.description}</p>}
            <div className="mt-3 grid grid-cols-2 gap-2">
              {phone ? (
                <a href={`tel:${phone}`} className={buttonClasses('secondary')}>
                  Appeler
                </a>
              ) : (
                <span />
              )}
              {address ? (
                <a href={geoAddressUri(address)} className={buttonClasses('secondary')}>
                  Itinéraire
                </a>
              ) : (
                <span />
              )}
              {iv.status === 'planned' && (
                <ActionButton
                  {...ids}
                  action="start"
                  label="Démarrer"
                  pendingLabel="Démarrage…"
                  className="col-span-2"
                />
              )}
              {iv.status === 'in_progress' && (
                <>
                  <Link href={`${href}#compte-rendu`} className={buttonClasses('secondary')}>
                    Compte rendu
                  </Link>
                  <ActionButton
                    {...ids}
                    action="complete"
                    label="Terminer"
                    pendingLabel="Finalisation…"
                    onError={
                      <Link href={`${href}#compte-rendu`} className="ml-1 underline">
                        Compléter le compte rendu
                      </Link>
                    }
                  />
                </>
              )}
              {iv.status !== 'planned' && iv.status !== 'in_progress' && (
                <Link href={href} className={buttonClasses('secondary', 'md', 'col-span-2')}>
                  Voir l’intervention
                </Link>
              )}
            </div>
          </li>
        );
      })}
    </ol>
  );
}
