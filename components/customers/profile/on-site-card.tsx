import { Car, MapPin, Navigation, Wrench } from 'lucide-react';
import Link from 'next/link';
import { buttonClasses } from '@/components/ui/button';
import { formatDate, formatNumber, formatTime } from '@/components/ui/format';
import type { CustomerDetail } from '@/lib/customers/queries';
import { addressText, itineraryHref } from '@/lib/geo/itinerary';
import { type CurrentIntervention, loadCurrentIntervention } from '@/lib/interventions/current';
import { kindLabel } from '@/lib/interventions/labels';

/**
 * The technician's first screen on a phone (hidden from the lg breakpoint, where the two-column
 * profile shows the same things once): where to go with « Itinéraire », the vehicles by plate, model
 * and mileage, and the intervention in progress or the next one.
 */
export function OnSiteCard({
  customer,
  intervention,
}: {
  customer: CustomerDetail;
  intervention: CurrentIntervention | null;
}) {
  const itinerary = itineraryHref(customer);
  const cityLine = [customer.postalCode, customer.city].filter(Boolean).join(' ');
  const address = addressText(customer);
  return (
    <section
      aria-label="Sur place"
      data-testid="on-site"
      className="space-y-3 rounded-lg border border-slate-200 bg-white p-4 shadow-sm lg:hidden"
    >
      <div className="flex items-start gap-3">
        <MapPin aria-hidden="true" className="mt-0.5 size-5 shrink-0 text-slate-500" />
        <address className="min-w-0 flex-1 text-sm text-slate-900 not-italic" data-testid="on-site-address">
          {address ? (
            <>
              {customer.addressLine1 && <span className="block">{customer.addressLine1}</span>}
              {customer.addressLine2 && <span className="block">{customer.addressLine2}</span>}
              {cityLine && <span className="block">{cityLine}</span>}
            </>
          ) : (
            <span className="text-slate-600">Aucune adresse.</span>
          )}
        </address>
        {itinerary && (
          <a href={itinerary} className={buttonClasses('secondary', 'sm', 'shrink-0')}>
            <Navigation aria-hidden="true" className="size-4" />
            Itinéraire
          </a>
        )}
      </div>

      {customer.vehicles.length > 0 && (
        <ul className="space-y-2" aria-label="Véhicules">
          {customer.vehicles.slice(0, 3).map((v) => (
            <li key={v.id} className="flex items-start gap-3" data-testid="on-site-vehicle">
              <Car aria-hidden="true" className="mt-0.5 size-5 shrink-0 text-slate-500" />
              <p className="min-w-0 text-sm text-slate-800">
                <span className="mr-2 font-mono font-semibold tracking-wide text-slate-900">
                  {v.plate ?? 'Sans immatriculation'}
                </span>
                {[v.make, v.model].filter(Boolean).join(' ')}
                {v.mileage != null && <span className="text-slate-600"> · {formatNumber(v.mileage, 0)} km</span>}
              </p>
            </li>
          ))}
          {customer.vehicles.length > 3 && (
            <li className="pl-8 text-sm text-slate-600">
              et {customer.vehicles.length - 3} autre{customer.vehicles.length > 4 ? 's' : ''} (section Véhicules)
            </li>
          )}
        </ul>
      )}

      {intervention && (
        <div className="flex items-start gap-3 border-t border-slate-100 pt-3" data-testid="on-site-intervention">
          <Wrench aria-hidden="true" className="mt-0.5 size-5 shrink-0 text-slate-500" />
          <div className="min-w-0 flex-1 text-sm">
            <p className="font-medium text-slate-900">
              {intervention.status === 'in_progress' ? 'En cours' : 'Prochaine intervention'}
              {' : '}
              {kindLabel(intervention.kind)}
            </p>
            <p className="text-slate-700">
              {formatDate(intervention.scheduledAt, 'long')} à {formatTime(intervention.scheduledAt)}
              {intervention.technicianName && <> · {intervention.technicianName}</>}
            </p>
            {intervention.vehicle && <p className="text-slate-700">{intervention.vehicle}</p>}
            {intervention.place && intervention.place !== address && (
              <p className="text-slate-700">Lieu : {intervention.place}</p>
            )}
            {intervention.description && <p className="line-clamp-2 text-slate-600">{intervention.description}</p>}
          </div>
          <Link
            href={`/customers/${customer.id}/interventions/${intervention.id}`}
            className={buttonClasses('ghost', 'sm', 'shrink-0')}
            aria-label="Ouvrir l’intervention"
          >
            Ouvrir
          </Link>
        </div>
      )}
    </section>
  );
}

/** Server part: the card with the job at hand, loaded here (only for roles that read interventions). */
export async function OnSiteSection({
  customer,
  withIntervention,
}: {
  customer: CustomerDetail;
  withIntervention: boolean;
}) {
  const intervention = withIntervention && !customer.erasedAt ? await loadCurrentIntervention(customer.id) : null;
  return <OnSiteCard customer={customer} intervention={intervention} />;
}
