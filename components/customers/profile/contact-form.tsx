'use client';

import { CheckboxField, TextField } from '@/components/ui/field';
import { zodValidator } from '@/components/ui/use-form-action';
import { createContactAction, updateContactAction } from '@/lib/contacts/actions';
import { contactCreateSchema, contactFields } from '@/lib/contacts/schema';
import type { ContactDto } from '@/lib/customers/types';
import { EntityForm } from './entity-form';

const validate = zodValidator(contactCreateSchema, { pick: Object.keys(contactFields) });

/** Add or edit one contact (loaded on demand: the validation library stays out of the page's first load). */
export function ContactForm({
  customerId,
  contact,
  onDone,
}: {
  customerId: string;
  contact?: ContactDto;
  onDone: () => void;
}) {
  return (
    <EntityForm
      customerId={customerId}
      entityId={contact?.id}
      idPrefix="contact"
      create={createContactAction}
      update={updateContactAction}
      validate={validate}
      label={contact ? `Modifier le contact ${contact.name}` : 'Nouveau contact'}
      submitLabel={contact ? 'Enregistrer le contact' : 'Ajouter le contact'}
      onDone={onDone}
    >
      {(field) => (
        <>
          <div className="grid gap-3 sm:grid-cols-2">
            <TextField {...field('name')} label="Nom" required defaultValue={contact?.name ?? ''} autoComplete="off" />
            <TextField
              {...field('role')}
              label="Fonction"
              defaultValue={contact?.role ?? ''}
              placeholder="Gérant, comptable…"
            />
            <TextField
              {...field('email')}
              label="E-mail"
              type="email"
              inputMode="email"
              defaultValue={contact?.email ?? ''}
            />
            <TextField {...field('phone')} label="Téléphone" type="tel" defaultValue={contact?.phone ?? ''} />
          </div>
          <CheckboxField
            {...field('isPrimary', 'primary')}
            label="Contact principal"
            value="1"
            defaultChecked={contact?.isPrimary ?? false}
          />
        </>
      )}
    </EntityForm>
  );
}
