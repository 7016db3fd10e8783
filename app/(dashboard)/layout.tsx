import type { ReactNode } from 'react';
import { TopBar } from '@/components/shell/top-bar';
import { ToastProvider } from '@/components/ui/toast';
import { requirePageActor } from '@/lib/auth/session';

/** Signed-in gate for every dashboard page (checked on the server, per request). */
export default async function DashboardLayout({ children }: { children: ReactNode }) {
  const actor = await requirePageActor();
  return (
    <ToastProvider>
      <TopBar actor={actor} />
      <main id="contenu" className="mx-auto w-full max-w-7xl px-3 py-4 sm:px-4 sm:py-6">
        {children}
      </main>
    </ToastProvider>
  );
}
