import type { ReactNode } from 'react';
import { Card } from '@/components/ui/card';
import { formatDateTime } from '@/components/ui/format';
import type { CustomerDto } from '@/lib/customers/types';

function Row({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="grid gap-0.5 py-2 sm:grid-cols-[9rem_1fr] sm:gap-4">
      <dt className="text-sm font-medium text-slate-600">{label}</dt>
      <dd className="text-sm break-words text-slate-900">{children ?? '—'}</dd>
    </div>
  );
}

/**
 * What the record holds beyond the header: company identifiers, the person to ask for, agency and
 * dates. Name, type, phones and e-mail are in the header, the address in « Adresse et localisation »:
 * none of them is repeated here, and no internal id or raw coordinates are shown.
 */
export function IdentitySection({ customer }: { customer: CustomerDto }) {
  const company = customer.kind === 'company';
  const contactPerson = [customer.firstName, customer.lastName].filter(Boolean).join(' ');
  return (
    <Card title="Fiche" aria-label="Fiche du client">
      <dl className="divide-y divide-slate-100">
        {company && (
          <>
            <Row label="SIRET">{customer.siret && <span className="font-mono">{customer.siret}</span>}</Row>
            <Row label="N° de TVA">{customer.vatNumber && <span className="font-mono">{customer.vatNumber}</span>}</Row>
            {contactPerson && <Row label="Interlocuteur">{contactPerson}</Row>}
          </>
        )}
        <Row label="Agence">{customer.agency}</Row>
        <Row label="Créée le">{formatDateTime(customer.createdAt)}</Row>
        <Row label="Modifiée le">{formatDateTime(customer.updatedAt)}</Row>
      </dl>
    </Card>
  );
}
