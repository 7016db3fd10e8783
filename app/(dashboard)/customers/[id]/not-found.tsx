import Link from 'next/link';
import { buttonClasses } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/empty-state';

/** A tab's resource (e.g. a document or invoice id) that does not exist for this customer. */
export default function CustomerTabNotFound() {
  return (
    <EmptyState
      title="Élément introuvable"
      description="Cet élément n’existe pas ou n’appartient pas à ce client."
      action={
        <Link href="/customers" className={buttonClasses('secondary')}>
          Retour aux clients
        </Link>
      }
    />
  );
}
