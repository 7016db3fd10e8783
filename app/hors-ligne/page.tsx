import type { Metadata } from 'next';
import { PendingSignOut } from '@/components/offline/pending-sign-out';

export const metadata: Metadata = { title: 'Hors ligne' };

/**
 * Static page precached by the service worker: what a page not kept on the device shows without a
 * network. It also finishes a sign-out made offline once the network is back.
 */
export default function OfflinePage() {
  return (
    <main id="contenu" className="mx-auto flex min-h-dvh w-full max-w-sm flex-col justify-center gap-4 px-4 py-12">
      <h1 className="text-2xl font-semibold text-slate-900">Hors ligne</h1>
      <p className="text-sm text-slate-700">
        Cette page n’est pas enregistrée sur l’appareil. « Ma journée », ses clients et les derniers clients ouverts
        restent consultables sans réseau ; vos saisies sont envoyées au retour de la connexion.
      </p>
      <p>
        <a href="/ma-journee" className="font-medium">
          Ouvrir Ma journée
        </a>
      </p>
      <PendingSignOut />
    </main>
  );
}
