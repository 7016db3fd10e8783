import type { Metadata } from 'next';
import Link from 'next/link';
import { buttonClasses } from '@/components/ui/button';

export const metadata: Metadata = { title: 'Accès refusé' };

export default function ForbiddenPage() {
  return (
    <main id="contenu" className="mx-auto flex min-h-dvh max-w-md flex-col justify-center gap-4 px-4 py-12 text-center">
      <p className="text-sm font-semibold text-red-700">Erreur 403</p>
      <h1 className="text-2xl font-semibold">Accès refusé</h1>
      <p className="text-slate-700">
        Votre rôle ne permet pas d’ouvrir cette page. Si vous pensez que c’est une erreur, demandez à un administrateur
        de vérifier vos droits.
      </p>
      <div className="flex flex-wrap justify-center gap-2">
        <Link href="/customers" className={buttonClasses('primary')}>
          Retour aux clients
        </Link>
      </div>
    </main>
  );
}
