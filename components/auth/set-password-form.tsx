'use client';

import Link from 'next/link';
import { useEffect, useState } from 'react';
import { FormMessage } from '@/components/ui/field';
import { SubmitButton } from '@/components/ui/submit-button';
import { lazyValidator, useFormAction, zodValidator } from '@/components/ui/use-form-action';
import { inspectLinkAction, setPasswordAction } from '@/lib/users/account-actions';
import { NewPasswordFields } from './new-password-fields';

// The schema (zod) is fetched on the form's first focus, not with the page.
const validate = lazyValidator(() =>
  import('@/lib/users/schema').then((m) =>
    zodValidator(m.setPasswordSchema, { pick: ['token', 'password', 'confirm'] }),
  ),
);
type Link = { name: string; email: string; purpose: string };

/**
 * The link's secret is in the URL fragment (#…), which browsers never send: it reaches the server only in
 * this form's POST body, so no access log or Referer header ever holds it.
 */
export function SetPasswordForm() {
  const [token, setToken] = useState<string | null>(null);
  const [link, setLink] = useState<Link | null | 'loading'>('loading');
  const { state, formAction, onSubmit, errors } = useFormAction(setPasswordAction, { validate });

  useEffect(() => {
    const secret = window.location.hash.slice(1);
    // Out of the address bar (and of the history) as soon as it is read.
    window.history.replaceState(null, '', window.location.pathname);
    void inspectLinkAction(secret).then((found) => {
      setToken(secret);
      setLink(found);
    });
  }, []);

  if (link === 'loading') return <p className="text-sm text-slate-600">Vérification du lien…</p>;
  if (!link || !token)
    return (
      <div className="space-y-3" role="alert">
        <p className="text-slate-800">
          Ce lien n’est plus valable : il a déjà servi, il a expiré ou un lien plus récent l’a remplacé.
        </p>
        <p className="text-sm text-slate-600">
          Demandez un nouveau lien depuis <Link href="/forgot-password">Mot de passe oublié</Link> ou à votre
          administrateur.
        </p>
      </div>
    );
  return (
    <form action={formAction} onSubmit={onSubmit} onFocus={validate.preload} noValidate className="space-y-4">
      <p className="text-sm text-slate-700">
        {link.purpose === 'invitation' ? 'Bienvenue' : 'Bonjour'} {link.name} ({link.email}),{' '}
        {link.purpose === 'invitation' ? 'choisissez votre mot de passe.' : 'choisissez un nouveau mot de passe.'}
      </p>
      <FormMessage state={state} />
      <input type="hidden" name="token" value={token} />
      <input type="text" name="username" autoComplete="username" value={link.email} readOnly hidden />
      <NewPasswordFields errors={errors} autoFocus />
      <SubmitButton className="w-full" pendingLabel="Enregistrement…">
        Enregistrer et se connecter
      </SubmitButton>
    </form>
  );
}
