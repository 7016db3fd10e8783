import type { ReactNode } from 'react';

/** The GET filter form above an admin list (users, journal): fields on one row, « Filtrer » at the end. */
export function FilterBar({ label, children }: { label: string; children: ReactNode }) {
  return (
    <form method="get" role="search" aria-label={label} className="grid gap-3 sm:grid-cols-4 sm:items-end">
      {children}
      <button type="submit" className="min-h-11 rounded-md bg-slate-800 px-4 text-sm font-medium text-white">
        Filtrer
      </button>
    </form>
  );
}
