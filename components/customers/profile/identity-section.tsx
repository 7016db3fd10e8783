import type { ReactNode } from 'react';
import { Card } from '@/components/ui/card';
import { formatDateTime } from '@/components/ui/format';
import { customerDisplayName, KIND_LABELS } from '@/lib/customers/schema';
import type { CustomerDto } from '@/lib/customers/types';
import { formatPhone } from '@/components/ui/format/phone';

const PRECISION_LABELS: Record<string, string> = {
  housenumber: 'au numéro',
  street: 'à la rue',
  commune: 'à la commune',
  manual: 'placée à la main',
};

function Row({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="grid gap-0.5 py-2 sm:grid-cols-3 sm:gap-4">
      <dt className="text-sm font-medium text-slate-600">{label}</dt>
      <dd className="text-sm break-words text-slate-900 sm:col-span-2">{children ?? '—'}</dd>
    </div>
  );
}

function PhoneLink({ value }: { value: string | null }) {
  if (!value) return <>—</>;
  return (
    <a href={`tel:${value}`} className="inline-flex min-h-11 items-center sm:min-h-0">
      {formatPhone(value)}
    </a>
  );
}

export function mapsUrl(
  c: Pick<CustomerDto, 'latitude' | 'longitude' | 'addressLine1' | 'postalCode' | 'city' | 'country'>,
): string | null {
  if (c.latitude != null && c.longitude != null) {
    return `https://www.openstreetmap.org/?mlat=${c.latitude}&mlon=${c.longitude}#map=17/${c.latitude}/${c.longitude}`;
  }
  const query = [c.addressLine1, c.postalCode, c.city, c.country === 'FR' ? 'France' : c.country]
    .filter(Boolean)
    .join(' ');
  if (!c.addressLine1 && !c.city && !c.postalCode) return null;
  return `https://www.openstreetmap.org/search?query=${encodeURIComponent(query)}`;
}

/** Everything the customer record holds about identity, contact channels and address. */
export function IdentitySection({ customer }: { customer: CustomerDto }) {
  const company = customer.kind === 'company';
  const maps = mapsUrl(customer);
  const hasCoords = customer.latitude != null && customer.longitude != null;
  return (
    <Card title="Identité et coordonnées" aria-label="Identité et coordonnées">
      <dl className="divide-y divide-slate-100">
        <Row label="Type">{KIND_LABELS[customer.kind]}</Row>
        {company ? (
          <>
            <Row label="Raison sociale">{customer.companyName}</Row>
            <Row label="SIRET">{customer.siret && <span className="font-mono">{customer.siret}</span>}</Row>
            <Row label="N° de TVA">{customer.vatNumber && <span className="font-mono">{customer.vatNumber}</span>}</Row>
            {(customer.firstName || customer.lastName) && (
              <Row label="Interlocuteur">{[customer.firstName, customer.lastName].filter(Boolean).join(' ')}</Row>
            )}
          </>
        ) : (
          <>
            <Row label="Nom">{customer.lastName}</Row>
            <Row label="Prénom">{customer.firstName}</Row>
          </>
        )}
        <Row label="E-mail">
          {customer.email ? (
            <a href={`mailto:${customer.email}`} className="inline-flex min-h-11 items-center break-all sm:min-h-0">
              {customer.email}
            </a>
          ) : null}
        </Row>
        <Row label="Téléphone">
          <PhoneLink value={customer.phone} />
        </Row>
        <Row label="Mobile">
          <PhoneLink value={customer.mobile} />
        </Row>
        <Row label="Adresse">
          {customer.addressLine1 || customer.city ? (
            <address className="not-italic">
              {customer.addressLine1 && <span className="block">{customer.addressLine1}</span>}
              {customer.addressLine2 && <span className="block">{customer.addressLine2}</span>}
              <span className="block">{[customer.postalCode, customer.city].filter(Boolean).join(' ')}</span>
              {customer.country !== 'FR' && <span className="block">{customer.country}</span>}
            </address>
          ) : null}
          {maps && (
            <span className="mt-1 flex flex-wrap gap-x-4">
              <a href={maps} target="_blank" rel="noopener noreferrer" className="inline-flex min-h-11 items-center">
                Ouvrir dans Plans<span className="sr-only"> (OpenStreetMap, nouvel onglet)</span>
              </a>
              {hasCoords && (
                <a
                  href={`geo:${customer.latitude},${customer.longitude}?q=${customer.latitude},${customer.longitude}(${encodeURIComponent(customerDisplayName(customer))})`}
                  className="inline-flex min-h-11 items-center md:hidden"
                >
                  Ouvrir dans l’application de cartes
                </a>
              )}
            </span>
          )}
        </Row>
        {hasCoords && (
          <Row label="Position">
            {customer.latitude!.toFixed(5)}, {customer.longitude!.toFixed(5)}
            {customer.geocodePrecision && (
              <span className="text-slate-600">
                {' '}
                — précision {PRECISION_LABELS[customer.geocodePrecision] ?? customer.geocodePrecision}
              </span>
            )}
          </Row>
        )}
        <Row label="Agence">{customer.agency}</Row>
        <Row label="Créé le">{formatDateTime(customer.createdAt)}</Row>
        <Row label="Modifié le">{formatDateTime(customer.updatedAt)}</Row>
      </dl>
    </Card>
  );
}
