'use client';

import dynamic from 'next/dynamic';
import { useCallback, useState } from 'react';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { EmptyState } from '@/components/ui/empty-state';
import { Skeleton } from '@/components/ui/skeleton';
import { useToast } from '@/components/ui/toast';
import { deleteContactAction } from '@/lib/contacts/actions';
import type { ContactDto } from '@/lib/customers/types';

// The form (and with it zod + libphonenumber) is fetched only when someone adds or edits a contact.
const ContactForm = dynamic(() => import('./contact-form').then((m) => m.ContactForm), {
  loading: () => <Skeleton className="h-40 w-full" />,
});

export type ContactView = ContactDto & { phoneDisplay: string | null };

export function ContactsSection({ customerId, contacts, canEdit }: { customerId: string; contacts: ContactView[]; canEdit: boolean }) {
  const [editing, setEditing] = useState<string | null>(null);
  const toast = useToast();
  const close = useCallback(() => setEditing(null), []);

  return (
    <Card
      title={`Contacts (${contacts.length})`}
      actions={
        canEdit && editing !== 'new' ? (
          <Button size="sm" variant="secondary" onClick={() => setEditing('new')}>
            Ajouter un contact
          </Button>
        ) : undefined
      }
    >
      <div className="space-y-3">
        {editing === 'new' && <ContactForm customerId={customerId} onDone={close} />}
        {contacts.length === 0 && editing !== 'new' && <EmptyState title="Aucun contact" description="Ajoutez les interlocuteurs du client (gérant, comptable…)." />}
        {contacts.length > 0 && (
          <ul className="divide-y divide-slate-100">
            {contacts.map((c) =>
              editing === c.id ? (
                <li key={c.id} className="py-2">
                  <ContactForm customerId={customerId} contact={c} onDone={close} />
                </li>
              ) : (
                <li key={c.id} className="flex flex-col gap-2 py-3 sm:flex-row sm:items-center sm:justify-between">
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
                  {canEdit && (
                    <div className="flex shrink-0 gap-2">
                      <Button size="sm" variant="secondary" onClick={() => setEditing(c.id)} aria-label={`Modifier le contact ${c.name}`}>
                        Modifier
                      </Button>
                      <ConfirmDialog
                        triggerLabel="Supprimer"
                        triggerSize="sm"
                        triggerVariant="ghost"
                        triggerAriaLabel={`Supprimer le contact ${c.name}`}
                        title="Supprimer ce contact ?"
                        confirmLabel="Supprimer"
                        onConfirm={async () => {
                          const result = await deleteContactAction(customerId, c.id, { ok: false, message: '' }, new FormData());
                          toast.show(result.message, result.ok ? 'success' : 'error');
                          return result.ok;
                        }}
                      >
                        <p>
                          Le contact <strong>{c.name}</strong> sera retiré de la fiche. L’opération est tracée dans l’historique d’activité.
                        </p>
                      </ConfirmDialog>
                    </div>
                  )}
                </li>
              ),
            )}
          </ul>
        )}
      </div>
    </Card>
  );
}
