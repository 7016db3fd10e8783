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
  return (
    <ul className="flex items-center gap-1">
      {items.map((item) => {
        const active = pathname === item.match || pathname.startsWith(`${item.match}/`);
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
