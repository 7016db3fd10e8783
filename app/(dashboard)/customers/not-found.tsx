import Link from 'next/link';
import { buttonClasses } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/empty-state';

/** Unknown or malformed customer id (raised by the /customers/[id] layout). */
export default function CustomerNotFound() {
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-semibold text-slate-900">Client introuvable</h1>
      <EmptyState
        title="Ce client n’existe pas"
        description="Le lien est peut-être erroné, ou la fiche a été supprimée."
        action={
          <Link href="/customers" className={buttonClasses('primary')}>
            Retour aux clients
          </Link>
        }
      />
    </div>
  );
}
