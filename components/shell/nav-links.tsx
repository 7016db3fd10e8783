'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { cn } from '@/components/ui/cn';

export interface NavItem {
  href: string;
  label: string;
  /** The section this link represents (prefix match for aria-current). */
  match: string;
  /** A count shown on the link (overdue tasks); `label` is what a screen reader hears. */
  badge?: { count: number; label: string };
}

export function NavLinks({ items }: { items: NavItem[] }) {
  const pathname = usePathname() ?? '';
  // The most specific matching section wins (/customers/nearby is not also "Clients").
  const matches = (item: NavItem) => pathname === item.match || pathname.startsWith(`${item.match}/`);
  const current = items.filter(matches).sort((a, b) => b.match.length - a.match.length)[0];
  return (
    <ul className="flex items-center gap-1 overflow-x-auto whitespace-nowrap [scrollbar-width:none]">
      {items.map((item) => {
        const active = item === current;
        return (
          <li key={item.href}>
            <Link
              href={item.href}
              aria-current={active ? 'page' : undefined}
              className={cn(
                'inline-flex min-h-11 items-center rounded-md px-3 text-sm font-medium no-underline hover:no-underline',
                active ? 'bg-blue-50 text-blue-800' : 'text-slate-700 hover:bg-slate-100',
              )}
            >
              {item.label}
              {item.badge && (
                // relative: the sr-only text is absolutely positioned; without it, it escapes the scrolling
                // list to the sticky header and widens the page on phones.
                <span
                  className="relative ml-1.5 inline-flex min-w-5 items-center justify-center rounded-full bg-red-700 px-1.5 text-xs font-semibold text-white"
                  data-testid="overdue-tasks-badge"
                >
                  <span aria-hidden="true">{item.badge.count > 99 ? '99+' : item.badge.count}</span>
                  <span className="sr-only">{`(${item.badge.label})`}</span>
                </span>
              )}
            </Link>
          </li>
        );
      })}
    </ul>
  );
}
