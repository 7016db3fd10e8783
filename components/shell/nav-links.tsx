'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { cn } from '@/components/ui/cn';

export interface NavItem {
  href: string;
  label: string;
  /** The section this link represents (prefix match for aria-current). */
  match: string;
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
            </Link>
          </li>
        );
      })}
    </ul>
  );
}
