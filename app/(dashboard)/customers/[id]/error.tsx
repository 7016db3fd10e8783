'use client';

import Link from 'next/link';
import { useEffect } from 'react';
import { Button, buttonClasses } from '@/components/ui/button';

/** A tab failed to render: say so in French, offer a retry, keep the header and tabs usable. */
export default function CustomerTabError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  useEffect(() => {
    console.error(error);
  }, [error]);
  return (
    <div role="alert" className="space-y-3 rounded-lg border border-red-200 bg-red-50 p-4">
      <h2 className="text-base font-semibold text-red-900">Impossible d’afficher cet onglet</h2>
      <p className="text-sm text-red-900">
        Une erreur est survenue pendant le chargement. Réessayez ; si le problème persiste, signalez-le avec la
        référence ci-dessous.
      </p>
      {error.digest && <p className="text-xs text-red-800">Référence : {error.digest}</p>}
      <div className="flex flex-wrap gap-2">
        <Button onClick={() => reset()}>Réessayer</Button>
        <Link href="/customers" className={buttonClasses('secondary')}>
          Retour aux clients
        </Link>
      </div>
    </div>
  );
}
