import type { Metadata } from 'next';
import { SetPasswordForm } from '@/components/auth/set-password-form';

export const metadata: Metadata = { title: 'Choisir un mot de passe', referrer: 'no-referrer' };

export default function SetPasswordPage() {
  return (
    <main id="contenu" className="mx-auto flex min-h-dvh w-full max-w-sm flex-col justify-center px-4 py-12">
      <div className="mb-8 text-center">
        <p className="text-sm font-semibold tracking-wide text-blue-700 uppercase">Customer 360</p>
        <h1 className="mt-1 text-2xl font-semibold text-slate-900">Choisir un mot de passe</h1>
      </div>
      <div className="rounded-lg border border-slate-200 bg-white p-5 shadow-sm">
        <SetPasswordForm />
      </div>
    </main>
  );
}
