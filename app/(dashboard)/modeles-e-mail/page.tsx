import type { Metadata } from 'next';
import { EmailTemplatesManager } from '@/components/email/templates-manager';
import { requirePageActor } from '@/lib/auth/session';
import { loadEmailTemplatesPage } from '@/lib/email/template-values';

export const metadata: Metadata = { title: 'Modèles d’e-mail' };

/** « Modèles d’e-mail » (managers and admins): list, create, edit, delete, with a live preview. */
export default async function EmailTemplatesPage() {
  const actor = await requirePageActor('email.template');
  const { templates, sample } = await loadEmailTemplatesPage(actor);
  return (
    <div className="space-y-4">
      <div className="space-y-1">
        <h1 className="text-2xl font-semibold text-slate-900">Modèles d’e-mail</h1>
        <p className="text-sm text-slate-600">
          Textes réutilisables proposés dans « Envoyer un e-mail » de chaque fiche client. Les variables entre doubles
          accolades, comme <code className="rounded bg-slate-100 px-1">{'{{client.nom}}'}</code>, sont remplacées par
          les valeurs du client au moment de l’envoi ; une valeur absente est laissée vide.
        </p>
      </div>
      <EmailTemplatesManager templates={templates} sample={sample} />
    </div>
  );
}
