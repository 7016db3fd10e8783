import Link from 'next/link';
import { buttonClasses } from '@/components/ui/button';

export default function NotFound() {
  return (
    <main id="contenu" className="mx-auto flex min-h-dvh max-w-md flex-col justify-center gap-4 px-4 py-12 text-center">
      <p className="text-sm font-semibold text-slate-600">Erreur 404</p>
      <h1 className="text-2xl font-semibold">Page introuvable</h1>
      <p className="text-slate-700">
        Cette adresse ne correspond à aucune page. Elle a peut-être été déplacée ou supprimée.
      </p>
      <div className="flex justify-center">
        <Link href="/customers" className={buttonClasses('primary')}>
          Retour aux clients
        </Link>
      </div>
    </main>
  );
}
