'use client';

import { PostalCodeInput } from '@/components/customers/postal-code-input';
import Link from 'next/link';
import { useState } from 'react';
import { Button, buttonClasses } from '@/components/ui/button';
import { FormMessage, SelectField, TextField } from '@/components/ui/field';
import { lazyValidator, useFormAction } from '@/components/ui/use-form-action';
import type { ActionState } from '@/lib/actions';
import type { CustomerDto } from '@/lib/customers/types';

interface PossibleDuplicate {
  id: string;
  number: string;
  displayName: string;
  reason: 'siret' | 'email' | 'phone' | 'name';
}

type FormAction = (state: ActionState, formData: FormData) => Promise<ActionState>;

const REASONS: Record<PossibleDuplicate['reason'], string> = {
  siret: 'même SIRET',
  email: 'même e-mail',
  phone: 'même téléphone',
  name: 'nom proche et même code postal',
};

// zod + libphonenumber (~60 kB gzipped) arrive on the first focus in the form, not with the page.
const validate = lazyValidator(() => import('./customer-form-validation').then((m) => m.validateCustomerForm));

/**
 * Create and edit form. The same zod schema as the server runs before sending; server errors
 * (including a stale-edit conflict) are shown too. On create, possible duplicates are listed and the
 * user may confirm with "Créer quand même" (confirmDuplicates=1).
 */
export function CustomerForm({
  action,
  customer,
  kinds,
  agencies,
  cancelHref,
}: {
  action: FormAction;
  /** Customer kinds and their French labels (KIND_LABELS, passed by the page: the schema module stays server-side). */
  kinds: { value: CustomerDto['kind']; label: string }[];
  /** The record being edited (undefined when creating). */
  customer?: CustomerDto;
  agencies: string[];
  cancelHref: string;
}) {
  const { state, formAction, onSubmit, pending, errors } = useFormAction(action, { validate });
  const [kind, setKind] = useState<CustomerDto['kind']>(customer?.kind ?? 'individual');
  const duplicates = (state.data as { possibleDuplicates?: PossibleDuplicate[] } | undefined)?.possibleDuplicates ?? [];
  // An erased person (GDPR): only an admin may re-create them, deliberately (confirmErased=1).
  const canRecreateErased = !!(state.data as { erasedPerson?: { canConfirm: boolean } } | undefined)?.erasedPerson
    ?.canConfirm;
  const isEdit = Boolean(customer);
  const v = (key: keyof CustomerDto) => {
    const value = customer?.[key];
    return typeof value === 'string' ? value : '';
  };
  const agencyOptions = [...new Set([...(customer?.agency ? [customer.agency] : []), ...agencies])].map((a) => ({
    value: a,
    label: a,
  }));

  return (
    <form
      action={formAction}
      onSubmit={onSubmit}
      onFocus={validate.preload}
      className="space-y-6"
      aria-describedby="form-required-note"
      noValidate
    >
      {customer && <input type="hidden" name="updatedAt" value={new Date(customer.updatedAt).toISOString()} />}
      <p id="form-required-note" className="text-sm text-slate-600">
        Les champs marqués d’un{' '}
        <span aria-hidden="true" className="text-red-700">
          *
        </span>
        <span className="sr-only">astérisque</span> sont obligatoires.
      </p>

      {duplicates.length === 0 && <FormMessage state={state.ok ? null : state} />}
      {canRecreateErased && (
        <Button type="submit" name="confirmErased" value="1" variant="danger" disabled={pending}>
          Recréer cette personne effacée
        </Button>
      )}

      {duplicates.length > 0 && (
        <section
          role="alert"
          aria-labelledby="duplicates-title"
          className="space-y-3 rounded-lg border border-amber-400 bg-amber-50 p-4"
        >
          <h2 id="duplicates-title" className="font-semibold text-amber-950">
            Des clients similaires existent déjà
          </h2>
          <p className="text-sm text-amber-950">
            Vérifiez qu’il ne s’agit pas du même client avant d’en créer un nouveau.
          </p>
          <ul className="divide-y divide-amber-200">
            {duplicates.map((d) => (
              <li key={d.id} className="flex flex-wrap items-center justify-between gap-2 py-2">
                <span className="text-sm">
                  <span className="font-medium">{d.displayName}</span> · {d.number}{' '}
                  <span className="text-amber-900">({REASONS[d.reason] ?? d.reason})</span>
                </span>
                <Link
                  href={`/customers/${d.id}`}
                  target="_blank"
                  rel="noopener"
                  className={buttonClasses('secondary', 'sm')}
                  aria-label={`Ouvrir ${d.displayName} (${d.number}) dans un nouvel onglet`}
                >
                  Ouvrir
                </Link>
              </li>
            ))}
          </ul>
          <Button type="submit" name="confirmDuplicates" value="1" variant="secondary" disabled={pending}>
            Créer quand même
          </Button>
        </section>
      )}

      <fieldset className="space-y-4 rounded-lg border border-slate-200 bg-white p-4">
        <legend className="px-1 text-base font-semibold">Identité</legend>
        <div role="radiogroup" aria-label="Type de client" className="flex flex-wrap gap-2">
          {kinds.map(({ value: k, label }) => (
            <label
              key={k}
              className={`flex min-h-11 cursor-pointer items-center gap-2 rounded-md border px-4 text-sm font-medium ${kind === k ? 'border-blue-700 bg-blue-50 text-blue-900' : 'border-slate-300 bg-white text-slate-800'}`}
            >
              <input
                type="radio"
                name="kind"
                value={k}
                checked={kind === k}
                onChange={() => setKind(k)}
                className="size-4 accent-blue-700"
              />
              {label}
            </label>
          ))}
        </div>
        {kind === 'individual' ? (
          <div className="grid gap-4 sm:grid-cols-2">
            <TextField
              label="Prénom"
              name="firstName"
              defaultValue={v('firstName')}
              autoComplete="given-name"
              error={errors.firstName}
            />
            <TextField
              label="Nom"
              name="lastName"
              required
              defaultValue={v('lastName')}
              autoComplete="family-name"
              error={errors.lastName}
            />
          </div>
        ) : (
          <div className="grid gap-4 sm:grid-cols-2">
            <TextField
              label="Raison sociale"
              name="companyName"
              required
              defaultValue={v('companyName')}
              autoComplete="organization"
              error={errors.companyName}
              wrapperClassName="sm:col-span-2"
            />
            <TextField
              label="SIRET"
              name="siret"
              defaultValue={v('siret')}
              inputMode="numeric"
              hint="14 chiffres, fortement recommandé."
              error={errors.siret}
            />
            <TextField
              label="N° de TVA intracommunautaire"
              name="vatNumber"
              defaultValue={v('vatNumber')}
              hint="Ex. FR40303265045"
              error={errors.vatNumber}
            />
          </div>
        )}
      </fieldset>

      <fieldset className="space-y-4 rounded-lg border border-slate-200 bg-white p-4">
        <legend className="px-1 text-base font-semibold">Coordonnées</legend>
        <p className="text-sm text-slate-600">Au moins un moyen de contact : e-mail, téléphone ou mobile.</p>
        <div className="grid gap-4 sm:grid-cols-3">
          <TextField
            label="E-mail"
            name="email"
            type="email"
            inputMode="email"
            autoComplete="email"
            defaultValue={v('email')}
            error={errors.email}
          />
          <TextField
            label="Téléphone"
            name="phone"
            type="tel"
            autoComplete="tel"
            defaultValue={v('phone')}
            error={errors.phone}
          />
          <TextField
            label="Mobile"
            name="mobile"
            type="tel"
            autoComplete="tel"
            defaultValue={v('mobile')}
            error={errors.mobile}
          />
        </div>
      </fieldset>

      <fieldset className="space-y-4 rounded-lg border border-slate-200 bg-white p-4">
        <legend className="px-1 text-base font-semibold">Adresse</legend>
        <div className="grid gap-4 sm:grid-cols-6">
          <TextField
            label="Adresse"
            name="addressLine1"
            autoComplete="address-line1"
            defaultValue={v('addressLine1')}
            error={errors.addressLine1}
            wrapperClassName="sm:col-span-6"
          />
          <TextField
            label="Complément d’adresse"
            name="addressLine2"
            autoComplete="address-line2"
            defaultValue={v('addressLine2')}
            error={errors.addressLine2}
            wrapperClassName="sm:col-span-6"
          />
          <PostalCodeInput
            defaultPostalCode={v('postalCode')}
            defaultCity={v('city')}
            postalCodeError={errors.postalCode}
            cityError={errors.city}
            postalCodeClassName="sm:col-span-2"
            cityClassName="sm:col-span-3"
          />
          <TextField
            label="Pays"
            name="country"
            defaultValue={v('country') || 'FR'}
            maxLength={2}
            hint="Code ISO (FR)"
            onInput={(e) => (e.currentTarget.value = e.currentTarget.value.toUpperCase())}
            error={errors.country}
            wrapperClassName="sm:col-span-1"
            className="uppercase"
          />
          <SelectField
            label="Agence"
            name="agency"
            defaultValue={v('agency')}
            placeholder="Aucune"
            options={agencyOptions}
            error={errors.agency}
            wrapperClassName="sm:col-span-3"
          />
        </div>
      </fieldset>

      <div className="flex flex-col-reverse gap-2 sm:flex-row sm:justify-end">
        <Link href={cancelHref} className={buttonClasses('secondary')}>
          Annuler
        </Link>
        <Button type="submit" disabled={pending} aria-busy={pending || undefined}>
          {pending ? 'Enregistrement…' : isEdit ? 'Enregistrer les modifications' : 'Créer le client'}
        </Button>
      </div>
    </form>
  );
}
