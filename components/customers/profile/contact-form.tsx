'use client';

import { useEffect, useMemo } from 'react';
import { Button } from '@/components/ui/button';
import { CheckboxField, FormMessage, TextField } from '@/components/ui/field';
import { useToast } from '@/components/ui/toast';
import { useFormAction, zodValidator } from '@/components/ui/use-form-action';
import { createContactAction, updateContactAction } from '@/lib/contacts/actions';
import { contactCreateSchema, contactFields } from '@/lib/contacts/schema';
import type { ContactDto } from '@/lib/customers/types';

const validate = zodValidator(contactCreateSchema, { pick: Object.keys(contactFields) });

/** Add or edit one contact (loaded on demand: the validation library stays out of the page's first load). */
export function ContactForm({ customerId, contact, onDone }: { customerId: string; contact?: ContactDto; onDone: () => void }) {
  const action = useMemo(
    () => (contact ? updateContactAction.bind(null, customerId, contact.id) : createContactAction.bind(null, customerId)),
    [customerId, contact],
  );
  const { state, formAction, onSubmit, pending, errors } = useFormAction(action, { validate });
  const toast = useToast();
  const prefix = `contact-${contact?.id ?? 'new'}`;

  useEffect(() => {
    if (state.ok) {
      toast.success(state.message);
      onDone();
    }
  }, [state, toast, onDone]);

  return (
    <form
      action={formAction}
      onSubmit={onSubmit}
      noValidate
      aria-label={contact ? `Modifier le contact ${contact.name}` : 'Nouveau contact'}
      className="space-y-3 rounded-md border border-blue-200 bg-blue-50/40 p-3"
    >
      <FormMessage state={state.ok ? null : state} />
      <div className="grid gap-3 sm:grid-cols-2">
        <TextField id={`${prefix}-name`} label="Nom" name="name" required defaultValue={contact?.name ?? ''} error={errors.name} autoComplete="off" />
        <TextField id={`${prefix}-role`} label="Fonction" name="role" defaultValue={contact?.role ?? ''} error={errors.role} placeholder="Gérant, comptable…" />
        <TextField id={`${prefix}-email`} label="E-mail" name="email" type="email" inputMode="email" defaultValue={contact?.email ?? ''} error={errors.email} />
        <TextField id={`${prefix}-phone`} label="Téléphone" name="phone" type="tel" defaultValue={contact?.phone ?? ''} error={errors.phone} />
      </div>
      <CheckboxField id={`${prefix}-primary`} label="Contact principal" name="isPrimary" value="1" defaultChecked={contact?.isPrimary ?? false} error={errors.isPrimary} />
      <div className="flex flex-wrap justify-end gap-2">
        <Button variant="secondary" onClick={onDone} disabled={pending}>
          Annuler
        </Button>
        <Button type="submit" disabled={pending} aria-busy={pending || undefined}>
          {pending ? 'Enregistrement…' : contact ? 'Enregistrer le contact' : 'Ajouter le contact'}
        </Button>
      </div>
    </form>
  );
}
