import type { Metadata } from 'next';
import { ImportPanel } from '@/components/legacy-import/import-panel';
import { requirePageActor } from '@/lib/auth/session';

export const metadata: Metadata = { title: 'Import de l’ancien système' };

export default async function LegacyImportPage() {
  await requirePageActor('admin');
  return (
    <>
      <div className="space-y-1">
        <h1 className="text-2xl font-semibold text-slate-900">Import de l’ancien système</h1>
        <p className="text-sm text-slate-600">
          Déposez l’export des clients de l’ancien logiciel. La simulation montre ligne par ligne ce qui sera importé,
          ignoré (doublons) ou rejeté (avec la raison) ; rien n’est écrit avant « Importer ». Relancer le même fichier
          n’importe rien de plus. En ligne de commande :{' '}
          <code className="rounded bg-slate-100 px-1">npm run import:legacy -- fichier.csv --dry-run</code>.
        </p>
      </div>
      <ImportPanel />
    </>
  );
}
