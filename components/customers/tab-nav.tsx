'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { useEffect, useRef } from 'react';
import { cn } from '@/components/ui/cn';
import type { CustomerAbilities } from '@/lib/auth/permissions';

export interface TabNavProps {
  customerId: string;
  abilities: Pick<CustomerAbilities, 'analyticsRead' | 'financeRead'>;
}

/**
 * The 360 tabs: real links (each tab is a URL), aria-current on the open one. On phones they wrap onto
 * a second row rather than scroll, so no tab is cut off at the screen’s edge; from lg they sit on one
 * row, horizontally scrollable if ever too many.
 */
export function TabNav({ customerId, abilities }: TabNavProps) {
  const pathname = usePathname() ?? '';
  const base = `/customers/${customerId}`;
  const tabs = [
    { href: base, label: 'Profil', active: pathname === base || pathname === `${base}/edit` },
    { href: `${base}/activity`, label: 'Activité' },
    { href: `${base}/interventions`, label: 'Interventions' },
    abilities.analyticsRead && { href: `${base}/analytics`, label: 'Analyses' },
    abilities.financeRead && { href: `${base}/finances`, label: 'Finances' },
    { href: `${base}/documents`, label: 'Documents' },
    { href: `${base}/consents`, label: 'Consentements' },
    { href: `${base}/dashboard-360`, label: 'Vue 360' },
  ].filter(Boolean) as { href: string; label: string; active?: boolean }[];

  const activeRef = useRef<HTMLAnchorElement>(null);
  useEffect(() => {
    // On a phone the open tab may be off-screen in the scrolled bar: bring it into view.
    activeRef.current?.scrollIntoView({ block: 'nearest', inline: 'nearest' });
  }, [pathname]);

  return (
    <nav aria-label="Onglets de la fiche client" className="-mx-3 border-b border-slate-200 sm:mx-0">
      <ul className="flex flex-wrap gap-x-1 px-3 sm:px-0 lg:flex-nowrap lg:overflow-x-auto lg:[scrollbar-width:thin]">
        {tabs.map((tab) => {
          const active = tab.active ?? (pathname === tab.href || pathname.startsWith(`${tab.href}/`));
          return (
            <li key={tab.href} className="shrink-0">
              <Link
                ref={active ? activeRef : undefined}
                href={tab.href}
                aria-current={active ? 'page' : undefined}
                className={cn(
                  'inline-flex min-h-11 items-center border-b-2 px-2.5 text-sm sm:px-3 font-medium whitespace-nowrap no-underline hover:no-underline',
                  active
                    ? 'border-blue-700 text-blue-800'
                    : 'border-transparent text-slate-600 hover:border-slate-300 hover:text-slate-900',
                )}
              >
                {tab.label}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
