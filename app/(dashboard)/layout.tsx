import type { ReactNode } from 'react';
import { TopBar } from '@/components/shell/top-bar';
import { ToastProvider } from '@/components/ui/toast';
import { requirePageActor } from '@/lib/auth/session';
import { overdueTaskCount } from '@/lib/tasks/page';

/** Signed-in gate for every dashboard page (checked on the server, per request). */
export default async function DashboardLayout({ children }: { children: ReactNode }) {
  const actor = await requirePageActor();
  // One count on the open-tasks index per page view: the badge of « Mes tâches ».
  const overdueTasks = await overdueTaskCount(actor);
  return (
    <ToastProvider>
      <TopBar actor={actor} overdueTasks={overdueTasks} />
      <main id="contenu" className="mx-auto w-full max-w-7xl px-3 py-4 sm:px-4 sm:py-6">
        {children}
      </main>
    </ToastProvider>
  );
}
