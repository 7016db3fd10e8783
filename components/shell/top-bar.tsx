import Link from 'next/link';
import { PendingWrites } from '@/components/offline/pending-writes';
import { SignOutForm } from '@/components/offline/sign-out-form';
import type { Actor } from '@/lib/auth/actor';
import { can, ROLE_LABELS } from '@/lib/auth/permissions';
import { SearchLauncher } from '@/components/search/search-launcher';
import { type NavItem, NavLinks } from './nav-links';

/** App chrome: name, main navigation (with the overdue-tasks badge), global search (Ctrl/⌘+K), who is signed in, sign out. On phones the account part folds into a menu. */
export function TopBar({ actor, overdueTasks = 0 }: { actor: Actor; overdueTasks?: number }) {
  // A technician's first screen is their day: it comes first in their navigation.
  const items: NavItem[] = [
    ...(actor.role === 'technician' ? [{ href: '/ma-journee', label: 'Ma journée', match: '/ma-journee' }] : []),
    { href: '/customers', label: 'Clients', match: '/customers' },
    { href: '/customers/nearby', label: 'Autour de moi', match: '/customers/nearby' },
  ];
  if (can(actor.role, 'task.read'))
    items.push({
      href: '/taches',
      label: 'Mes tâches',
      match: '/taches',
      ...(overdueTasks > 0 ? { badge: { count: overdueTasks, label: `${overdueTasks} en retard` } } : {}),
    });
  if (can(actor.role, 'intervention.plan')) items.push({ href: '/planning', label: 'Planning', match: '/planning' });
  if (can(actor.role, 'customer.update') && can(actor.role, 'customer.duplicate')) {
    items.push({ href: '/customers/duplicates', label: 'Doublons', match: '/customers/duplicates' });
  }
  if (can(actor.role, 'intervention.plan')) items.push({ href: '/relances', label: 'À relancer', match: '/relances' });
  if (can(actor.role, 'admin')) items.push({ href: '/admin/users', label: 'Admin', match: '/admin' });
  const roleLabel = ROLE_LABELS[actor.role];

  return (
    <header className="sticky top-0 z-30 border-b border-slate-200 bg-white/95 backdrop-blur">
      <div className="mx-auto flex h-14 max-w-7xl items-center gap-2 px-3 sm:px-4">
        <Link
          href="/customers"
          className="mr-1 shrink-0 text-base font-semibold text-slate-900 no-underline hover:no-underline"
        >
          <span aria-hidden="true" className="mr-1.5 inline-block size-2.5 rounded-full bg-blue-700" />
          Customer 360
        </Link>
        <nav aria-label="Navigation principale" className="min-w-0 flex-1">
          <NavLinks items={items} />
        </nav>

        <div className="ml-auto flex items-center gap-1">
          <SearchLauncher userId={actor.id ?? ''} />
          <PendingWrites />
        </div>

        <div className="hidden items-center gap-3 md:flex">
          <p className="text-right text-sm leading-tight" data-testid="current-user">
            <Link href="/account" className="block font-medium text-slate-900">
              {actor.name}
            </Link>
            <span className="block text-slate-600">{roleLabel}</span>
          </p>
          <SignOutForm />
        </div>

        {/* Phones: a native disclosure, so the menu works before any JavaScript has loaded. */}
        <details className="group relative md:hidden">
          <summary
            aria-label="Menu du compte"
            className="flex min-h-11 min-w-11 cursor-pointer list-none items-center justify-center rounded-md border border-slate-300 text-slate-800 [&::-webkit-details-marker]:hidden"
          >
            <svg
              aria-hidden="true"
              viewBox="0 0 24 24"
              className="size-5"
              fill="none"
              stroke="currentColor"
              strokeWidth="2"
            >
              <path d="M4 6h16M4 12h16M4 18h16" strokeLinecap="round" />
            </svg>
          </summary>
          <div className="absolute right-0 mt-2 w-64 rounded-lg border border-slate-200 bg-white p-3 shadow-lg">
            <p className="mb-3 text-sm">
              <span className="block font-medium text-slate-900">{actor.name}</span>
              <span className="block text-slate-600">{roleLabel}</span>
            </p>
            <Link href="/account" className="mb-2 flex min-h-11 items-center rounded-md px-2 hover:bg-slate-100">
              Mon compte
            </Link>
            <SignOutForm size="md" className="w-full" />
          </div>
        </details>
      </div>
    </header>
  );
}
