import type { ReactNode } from 'react';
import { OfflineBanner } from '@/components/offline/offline-banner';
import { OfflineProvider } from '@/components/offline/offline-provider';
import { PendingSignOut } from '@/components/offline/pending-sign-out';
import { TopBar } from '@/components/shell/top-bar';
import { ToastProvider } from '@/components/ui/toast';
import { requirePageActor } from '@/lib/auth/session';
import { overdueTaskCount } from '@/lib/tasks/page';
import { serviceWorkerEnabled } from '@/lib/env';

/** Signed-in gate for every dashboard page (checked on the server, per request). */
export default async function DashboardLayout({ children }: { children: ReactNode }) {
  const actor = await requirePageActor();
  // One count on the open-tasks index per page view: the badge of « Mes tâches ».
  const overdueTasks = await overdueTaskCount(actor);
  // A signed-in page's actor is a user (only system jobs have no id).
  const userId = actor.id ?? '';
  return (
    <ToastProvider>
      {/* Field mode: service worker, offline banner, queued writes of this user (components/offline). */}
      <OfflineProvider userId={userId} serviceWorker={serviceWorkerEnabled()}>
        <PendingSignOut userId={userId} />
        <TopBar actor={actor} overdueTasks={overdueTasks} />
        <main id="contenu" className="mx-auto w-full max-w-7xl px-3 py-4 sm:px-4 sm:py-6">
          <OfflineBanner />
          {children}
        </main>
      </OfflineProvider>
    </ToastProvider>
  );
}
