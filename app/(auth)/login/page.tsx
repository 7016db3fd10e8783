import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { LoginForm } from '@/components/auth/login-form';
import { getCurrentActor } from '@/lib/auth/session';

export const metadata: Metadata = { title: 'Connexion' };

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
  return (
    <main id="contenu" className="mx-auto flex min-h-dvh w-full max-w-sm flex-col justify-center px-4 py-12">
      <div className="mb-8 text-center">
        <p className="text-sm font-semibold tracking-wide text-blue-700 uppercase">Customer 360</p>
        <h1 className="mt-1 text-2xl font-semibold text-slate-900">Connexion</h1>
        <p className="mt-2 text-sm text-slate-600">Accès réservé aux collaborateurs du réseau.</p>
      </div>
      <div className="rounded-lg border border-slate-200 bg-white p-5 shadow-sm">
        <LoginForm redirectTo={redirectTo} />
      </div>
      <p className="mt-6 text-center text-sm text-slate-600">Comptes de démonstration : voir le README.</p>
    </main>
  );
}
