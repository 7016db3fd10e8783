'use client';

import dynamic from 'next/dynamic';
import type { SendEmailFormProps } from '@/components/email/send-email-form';
import { Skeleton } from '@/components/ui/skeleton';
import { LazyFormDisclosure } from './lazy-form-disclosure';

// Fetched when someone starts writing: the form brings zod and the e-mail schema, which would
// otherwise weigh on the Consents tab's first load.
const loadForm = () => import('@/components/email/send-email-form');
const SendEmailForm = dynamic(() => loadForm().then((m) => m.SendEmailForm), {
  loading: () => (
    <div role="status">
      <span className="sr-only">Chargement du formulaire…</span>
      <Skeleton className="h-72 w-full" />
    </div>
  ),
});

export function EmailFormLauncher(props: SendEmailFormProps) {
  if (!props.to) {
    return (
      <p className="text-sm text-slate-700">
        Ce client n’a pas d’adresse e-mail : ajoutez-en une dans son profil pour lui écrire.
      </p>
    );
  }
  return (
    <LazyFormDisclosure openLabel="Rédiger un e-mail" preload={() => void loadForm()}>
      {() => <SendEmailForm {...props} />}
    </LazyFormDisclosure>
  );
}
