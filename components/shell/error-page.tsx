import Link from 'next/link';
import type { ReactNode } from 'react';
import { buttonClasses } from '@/components/ui/button';
import { cn } from '@/components/ui/cn';

/**
 * A whole-page error outside the dashboard layout (404, 403): the code, the title, what happened
 * and the way back to the customer list.
 */
export function ErrorPage({
  code,
  title,
  tone = 'neutral',
  children,
}: {
  code: number;
  title: string;
  tone?: 'neutral' | 'danger';
  children: ReactNode;
}) {
  return (
    <main id="contenu" className="mx-auto flex min-h-dvh max-w-md flex-col justify-center gap-4 px-4 py-12 text-center">
      <p className={cn('text-sm font-semibold', tone === 'danger' ? 'text-red-700' : 'text-slate-600')}>
        Erreur {code}
      </p>
      <h1 className="text-2xl font-semibold">{title}</h1>
      <p className="text-slate-700">{children}</p>
      <div className="flex flex-wrap justify-center gap-2">
        <Link href="/customers" className={buttonClasses('primary')}>
          Retour aux clients
        </Link>
      </div>
    </main>
  );
}
