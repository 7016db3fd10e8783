'use client';

import { FormMessage, TextField } from '@/components/ui/field';
import { SubmitButton } from '@/components/ui/submit-button';
import { lazyValidator, useFormAction, zodValidator } from '@/components/ui/use-form-action';
import { forgotPasswordAction } from '@/lib/users/account-actions';

// The schema (zod) is fetched on the form's first focus, not with the page.
const validate = lazyValidator(() =>
  import('@/lib/users/schema').then((m) => zodValidator(m.forgotPasswordSchema, { pick: ['email'] })),
);

export function ForgotPasswordForm() {
  const { state, formAction, onSubmit, errors } = useFormAction(forgotPasswordAction, { validate });
  if (state.ok) return <FormMessage state={state} />;
  return (
    <form action={formAction} onSubmit={onSubmit} onFocus={validate.preload} noValidate className="space-y-4">
      <FormMessage state={state} />
      <TextField
        label="Adresse e-mail"
        name="email"
        type="email"
        inputMode="email"
        autoComplete="username"
        required
        autoFocus
        error={errors.email}
      />
      <SubmitButton className="w-full" pendingLabel="Envoi…">
        Recevoir un lien
      </SubmitButton>
    </form>
  );
}
