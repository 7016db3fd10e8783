import { ErrorPage } from '@/components/shell/error-page';

export default function NotFound() {
  return (
    <ErrorPage code={404} title="Page introuvable">
      Cette adresse ne correspond à aucune page. Elle a peut-être été déplacée ou supprimée.
    </ErrorPage>
  );
}
