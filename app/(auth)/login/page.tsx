import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { LoginForm } from '@/components/auth/login-form';
import { getCurrentActor } from '@/lib/auth/session';
import { env } from '@/lib/env';
import { ssoButton } from '@/lib/auth/sso-info';
import Link from 'next/link';
import { SsoButton } from '@/components/auth/sso-button';

export const metadata: Metadata = { title: 'Connexion' };

const SSO_ERRORS: Record<string, string> = {
  sso_unknown: 'Aucun compte n’existe pour cette identité. Demandez une invitation à votre administrateur.',
  sso_deactivated: 'Ce compte est désactivé. Contactez votre administrateur.',
  sso_no_email: 'Le fournisseur d’identité n’a pas transmis d’adresse e-mail vérifiée.',
  AccessDenied: 'Connexion refusée.',
  Configuration: 'La connexion unique a échoué. Réessayez ou utilisez votre mot de passe.',
};

// Without a target, `/` sends each role to its first screen (app/page.tsx).
function safePath(value: string | string[] | undefined): string {
  const v = Array.isArray(value) ? value[0] : value;
  if (!v) return '/';
  // next-auth may pass an absolute callbackUrl; keep only same-site paths.
  try {
    const url = new URL(v, 'http://local');
    if (url.origin !== 'http://local') return '/';
    const path = url.pathname + url.search + url.hash;
    return path.startsWith('/login') || path.startsWith('//') ? '/' : path;
  } catch {
    return '/';
  }
}

export default async function LoginPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const params = await searchParams;
  const redirectTo = safePath(params.callbackUrl ?? params.redirectTo);
  if (await getCurrentActor()) redirect(redirectTo);
  const sso = ssoButton();
  const error = SSO_ERRORS[String(Array.isArray(params.error) ? params.error[0] : (params.error ?? ''))];
  return (
    <main id="contenu" className="mx-auto flex min-h-dvh w-full max-w-sm flex-col justify-center px-4 py-12">
      <div className="mb-8 text-center">
        <p className="text-sm font-semibold tracking-wide text-blue-700 uppercase">Customer 360</p>
        <h1 className="mt-1 text-2xl font-semibold text-slate-900">Connexion</h1>
        <p className="mt-2 text-sm text-slate-600">Accès réservé aux collaborateurs du réseau.</p>
      </div>
      <div className="space-y-4 rounded-lg border border-slate-200 bg-white p-5 shadow-sm">
        {error && (
          <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800">
            {error}
          </p>
        )}
        {sso && (
          <>
            <SsoButton label={`Se connecter avec ${sso.name}`} redirectTo={redirectTo} />
            <p className="text-center text-xs text-slate-500 uppercase">ou</p>
          </>
        )}
        <LoginForm redirectTo={redirectTo} />
        <p className="text-center text-sm">
          <Link href="/forgot-password">Mot de passe oublié ?</Link>
        </p>
      </div>
      {env().DEMO && (
        <p className="mt-6 text-center text-sm text-slate-600">Comptes de démonstration : voir le README.</p>
      )}
    </main>
  );
}
