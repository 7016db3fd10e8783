import Link from 'next/link';
import type { ReactNode } from 'react';
import { requirePageActor } from '@/lib/auth/session';

/** Every /admin page: administrators only (others are sent to /forbidden). */
export default async function AdminLayout({ children }: { children: ReactNode }) {
  await requirePageActor('admin');
  return (
    <div className="space-y-4">
      <nav aria-label="Administration" className="flex flex-wrap gap-2 text-sm">
        <Link href="/admin/users" className="inline-flex min-h-11 items-center rounded-md px-3 hover:bg-slate-100">
          Utilisateurs
        </Link>
        <Link href="/admin/journal" className="inline-flex min-h-11 items-center rounded-md px-3 hover:bg-slate-100">
          Journal
        </Link>
        <Link href="/admin/tokens" className="inline-flex min-h-11 items-center rounded-md px-3 hover:bg-slate-100">
          Jetons d’API
        </Link>
        <Link href="/admin/import" className="inline-flex min-h-11 items-center rounded-md px-3 hover:bg-slate-100">
          Import de l’ancien système
        </Link>
        <Link href="/modeles-e-mail" className="inline-flex min-h-11 items-center rounded-md px-3 hover:bg-slate-100">
          Modèles d’e-mail
        </Link>
      </nav>
      {children}
    </div>
  );
}
