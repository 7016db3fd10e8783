import { TabSkeleton } from '@/components/ui/skeleton';

/** Shown while a tab's page (not the header, which the layout keeps) is loading. */
export default function CustomerTabLoading() {
  return <TabSkeleton label="Chargement de l’onglet…" />;
}
