import type { Metadata } from 'next';
import { ErrorPage } from '@/components/shell/error-page';

export const metadata: Metadata = { title: 'Accès refusé' };

export default function ForbiddenPage() {
  return (
    <ErrorPage code={403} title="Accès refusé" tone="danger">
      Votre rôle ne permet pas d’ouvrir cette page. Si vous pensez que c’est une erreur, demandez à un administrateur de
      vérifier vos droits.
    </ErrorPage>
  );
}
