'use client';

import dynamic from 'next/dynamic';
import { Badge } from '@/components/ui/badge';
import { Skeleton } from '@/components/ui/skeleton';
import { deleteContactAction } from '@/lib/contacts/actions';
import type { ContactDto } from '@/lib/customers/types';
import { EntityListSection } from './entity-list-section';

// The form (and with it zod + libphonenumber) is fetched only when someone adds or edits a contact.
const ContactForm = dynamic(() => import('./contact-form').then((m) => m.ContactForm), {
  loading: () => <Skeleton className="h-40 w-full" />,
});

export type ContactView = ContactDto & { phoneDisplay: string | null };

export function ContactsSection({
  customerId,
  contacts,
  canEdit,
}: {
  customerId: string;
  contacts: ContactView[];
  canEdit: boolean;
}) {
  return (
    <EntityListSection
      customerId={customerId}
      title={`Contacts (${contacts.length})`}
      items={contacts}
      canEdit={canEdit}
      addLabel="Ajouter un contact"
      empty={{ title: 'Aucun contact', description: 'Ajoutez les interlocuteurs du client (gérant, comptable…).' }}
      form={(c, onDone) => <ContactForm customerId={customerId} contact={c} onDone={onDone} />}
      editLabel={(c) => `Modifier le contact ${c.name}`}
      remove={{
        action: deleteContactAction,
        label: (c) => `Supprimer le contact ${c.name}`,
        title: 'Supprimer ce contact ?',
        description: (c) => (
          <>
            Le contact <strong>{c.name}</strong> sera retiré de la fiche. L’opération est tracée dans l’historique
            d’activité.
          </>
        ),
      }}
      classNames={{
        list: 'divide-y divide-slate-100',
        formItem: 'py-2',
        item: 'flex flex-col gap-2 py-3 sm:flex-row sm:items-center sm:justify-between',
        buttons: 'flex shrink-0 gap-2',
      }}
      renderItem={(c) => (
        <div className="min-w-0">
          <p className="font-medium text-slate-900">
            {c.name} {c.isPrimary && <Badge tone="info">Principal</Badge>}
          </p>
          {c.role && <p className="text-sm text-slate-600">{c.role}</p>}
          <p className="flex flex-wrap gap-x-4 text-sm">
            {c.phone && (
              <a href={`tel:${c.phone}`} className="inline-flex min-h-11 items-center">
                {c.phoneDisplay ?? c.phone}
              </a>
            )}
            {c.email && (
              <a href={`mailto:${c.email}`} className="inline-flex min-h-11 items-center break-all">
                {c.email}
              </a>
            )}
          </p>
        </div>
      )}
    />
  );
}
