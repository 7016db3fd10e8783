'use client';

import type { ReactNode } from 'react';
import { NewPasswordFields } from '@/components/auth/new-password-fields';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { FormMessage, TextField } from '@/components/ui/field';
import { lazyValidator, useFormAction, zodValidator } from '@/components/ui/use-form-action';
import { changePasswordAction, renameSelfAction, revokeOtherSessionsAction } from '@/lib/users/account-actions';

// The schema module (zod) is fetched on a form's first focus, not with the page.
const userSchema = () => import('@/lib/users/schema');
const validateName = lazyValidator(() => userSchema().then((m) => zodValidator(m.userNameSchema, { pick: ['name'] })));
const validatePassword = lazyValidator(() =>
  userSchema().then((m) => zodValidator(m.changePasswordSchema, { pick: ['current', 'password', 'confirm'] })),
);

export function AccountForms({ name, email, hasPassword }: { name: string; email: string; hasPassword: boolean }) {
  const rename = useFormAction(renameSelfAction, { validate: validateName });
  const password = useFormAction(changePasswordAction, { validate: validatePassword });
  const sessions = useFormAction(revokeOtherSessionsAction);
  return (
    <div className="space-y-6">
      <CardForm title="Identité" form={rename} preload={validateName.preload} submit="Enregistrer">
        <TextField
          label="Nom"
          name="name"
          required
          defaultValue={name}
          autoComplete="name"
          error={rename.errors.name}
        />
        <p className="text-sm text-slate-600">
          Adresse e-mail : <span className="break-all">{email}</span> (modifiable par un administrateur).
        </p>
      </CardForm>

      {hasPassword && (
        <CardForm
          title="Mot de passe"
          label="Changer le mot de passe"
          form={password}
          preload={validatePassword.preload}
          submit="Changer le mot de passe"
        >
          <input type="text" name="username" autoComplete="username" value={email} readOnly hidden />
          <TextField
            label="Mot de passe actuel"
            name="current"
            type="password"
            autoComplete="current-password"
            required
            error={password.errors.current}
          />
          <NewPasswordFields errors={password.errors} />
          <p className="text-sm text-slate-600">Vos autres sessions seront déconnectées.</p>
        </CardForm>
      )}

      <CardForm
        title="Sessions"
        form={sessions}
        submit="Déconnecter mes autres sessions"
        pendingLabel={null}
        variant="secondary"
      >
        <p className="text-sm text-slate-600">
          Téléphone perdu, ordinateur partagé ? Déconnectez tous les autres appareils ; celui-ci reste connecté.
        </p>
      </CardForm>
    </div>
  );
}

/**
 * One card of the page: its form (labelled by `label`, the title by default), the action's message,
 * the fields, and the submit button on the right (« Enregistrement… » while pending unless
 * `pendingLabel` is null).
 */
function CardForm({
  title,
  label = title,
  form,
  preload,
  submit,
  pendingLabel = 'Enregistrement…',
  variant,
  children,
}: {
  title: string;
  label?: string;
  form: Pick<ReturnType<typeof useFormAction>, 'formAction' | 'onSubmit' | 'state' | 'pending'>;
  /** Fetches the form's validator on first focus. */
  preload?: () => void;
  submit: string;
  pendingLabel?: string | null;
  variant?: 'secondary';
  children: ReactNode;
}) {
  return (
    <Card title={title}>
      <form
        action={form.formAction}
        onSubmit={form.onSubmit}
        onFocus={preload}
        noValidate
        className="space-y-4"
        aria-label={label}
      >
        <FormMessage state={form.state} />
        {children}
        <div className="flex justify-end">
          <Button type="submit" variant={variant} disabled={form.pending}>
            {form.pending && pendingLabel ? pendingLabel : submit}
          </Button>
        </div>
      </form>
    </Card>
  );
}
