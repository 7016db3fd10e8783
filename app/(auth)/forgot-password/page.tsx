import type { Metadata } from 'next';
import Link from 'next/link';
import { ForgotPasswordForm } from '@/components/auth/forgot-password-form';

export const metadata: Metadata = { title: 'Mot de passe oublié' };

export default function ForgotPasswordPage() {
  return (
    <main id="contenu" className="mx-auto flex min-h-dvh w-full max-w-sm flex-col justify-center px-4 py-12">
      <div className="mb-8 text-center">
        <p className="text-sm font-semibold tracking-wide text-blue-700 uppercase">Customer 360</p>
        <h1 className="mt-1 text-2xl font-semibold text-slate-900">Mot de passe oublié</h1>
        <p className="mt-2 text-sm text-slate-600">
          Indiquez votre adresse : vous recevrez un lien pour en choisir un nouveau.
        </p>
      </div>
      <div className="rounded-lg border border-slate-200 bg-white p-5 shadow-sm">
        <ForgotPasswordForm />
      </div>
      <p className="mt-6 text-center text-sm">
        <Link href="/login">Retour à la connexion</Link>
      </p>
    </main>
  );
}
