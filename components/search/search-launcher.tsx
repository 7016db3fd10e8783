'use client';
import dynamic from 'next/dynamic';
import { useCallback, useEffect, useState, useSyncExternalStore } from 'react';
import { SearchIcon } from './search-icon';

// The dialog (cmdk, fetch, recent list) is a separate chunk: the top bar ships only this button and
// the shortcut listener. The chunk starts loading on the first focus or hover, before the click.
const loadDialog = () => import('./search-dialog');
const SearchDialog = dynamic(() => loadDialog().then((m) => m.SearchDialog), { ssr: false });

const noSubscription = () => () => {};

/** The top bar's search field: opens the global search (also with Ctrl+K / ⌘K, from any page). */
export function SearchLauncher({ userId }: { userId: string }) {
  const [open, setOpen] = useState(false);
  // Mounted from the first opening on, so the chunk is not requested by pages nobody searches from.
  const [mounted, setMounted] = useState(false);
  // The server renders "Ctrl K"; Apple devices show "⌘ K" once hydrated.
  const shortcut = useSyncExternalStore(
    noSubscription,
    () => (/Mac|iPhone|iPad/.test(navigator.userAgent) ? '⌘ K' : 'Ctrl K'),
    () => 'Ctrl K',
  );

  const show = useCallback(() => {
    setMounted(true);
    setOpen(true);
  }, []);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && !e.altKey && !e.shiftKey && e.key.toLowerCase() === 'k') {
        e.preventDefault();
        show();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [show]);

  return (
    <>
      <button
        type="button"
        onClick={show}
        onFocus={() => void loadDialog()}
        onPointerEnter={() => void loadDialog()}
        aria-haspopup="dialog"
        aria-keyshortcuts="Control+K Meta+K"
        aria-label="Rechercher (clients, contacts, véhicules, factures)"
        data-testid="global-search-trigger"
        className="flex min-h-11 min-w-11 shrink-0 items-center justify-center gap-2 rounded-md border border-slate-300 bg-white px-3 text-sm text-slate-600 hover:bg-slate-50 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-600 md:w-48 md:justify-start xl:w-56"
      >
        <SearchIcon className="size-5 shrink-0" />
        <span className="hidden md:inline">Rechercher…</span>
        <kbd className="ml-auto hidden rounded border border-slate-300 px-1.5 font-sans text-xs text-slate-500 md:inline">
          {shortcut}
        </kbd>
      </button>
      {mounted && <SearchDialog open={open} onClose={() => setOpen(false)} userId={userId} />}
    </>
  );
}
