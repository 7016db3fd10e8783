'use client';

import { Ellipsis } from 'lucide-react';
import { type ReactNode, type RefObject, useEffect, useId, useRef, useState } from 'react';
import { buttonClasses } from '@/components/ui/button';
import { cn } from '@/components/ui/cn';
import { nextMenuIndex } from './header-actions';

export interface MenuEntry {
  key: string;
  label: string;
  /** A download link (exports) or an action (which may open a confirmation). */
  href?: string;
  onSelect?: () => void;
  danger?: boolean;
  /** A heading printed before this entry (e.g. « Exporter » before the formats). */
  groupLabel?: string;
}

/**
 * The « ⋯ » menu of the customer header (menu button pattern): a button with aria-haspopup and
 * aria-expanded, a role="menu" list of menuitems; arrows, Home and End move, Escape and Tab close,
 * and closing by Escape or by choosing an item puts the focus back on the button (the item's
 * dialog returns it there too, through `buttonRef`).
 */
export function ActionsMenu({
  label,
  entries,
  buttonRef,
}: {
  label: string;
  entries: MenuEntry[];
  buttonRef: RefObject<HTMLButtonElement | null>;
}) {
  const [open, setOpen] = useState(false);
  const menuId = useId();
  const items = useRef<(HTMLElement | null)[]>([]);
  const root = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!open) return;
    items.current[0]?.focus();
    function outside(e: PointerEvent) {
      if (root.current && !root.current.contains(e.target as Node)) setOpen(false);
    }
    document.addEventListener('pointerdown', outside);
    return () => document.removeEventListener('pointerdown', outside);
  }, [open]);

  function close(refocus: boolean) {
    setOpen(false);
    if (refocus) buttonRef.current?.focus();
  }

  function onMenuKey(e: React.KeyboardEvent) {
    if (e.key === 'Escape') {
      e.preventDefault();
      close(true);
      return;
    }
    if (e.key === 'Tab') {
      close(false);
      return;
    }
    const current = items.current.findIndex((el) => el === document.activeElement);
    const next = nextMenuIndex(e.key, current, entries.length);
    if (next !== null) {
      e.preventDefault();
      items.current[next]?.focus();
    }
  }

  const itemClass = (danger?: boolean): string =>
    cn(
      'flex min-h-11 w-full items-center px-3 text-left text-sm no-underline hover:no-underline focus:outline-none focus-visible:bg-slate-100',
      danger ? 'text-red-800 hover:bg-red-50 focus-visible:bg-red-50' : 'text-slate-800 hover:bg-slate-100',
    );

  const rows: ReactNode[] = [];
  entries.forEach((entry, i) => {
    if (entry.groupLabel)
      rows.push(
        <li
          key={`${entry.key}-group`}
          role="presentation"
          className="border-t border-slate-100 px-3 pt-2 pb-1 text-xs font-semibold text-slate-600 first:border-t-0"
        >
          {entry.groupLabel}
        </li>,
      );
    const ref = (el: HTMLElement | null) => {
      items.current[i] = el;
    };
    rows.push(
      <li key={entry.key} role="none">
        {entry.href ? (
          // Plain <a download>: a file download, not a client-side navigation.
          <a
            ref={ref}
            role="menuitem"
            tabIndex={-1}
            href={entry.href}
            download
            className={itemClass()}
            onClick={() => close(true)}
          >
            {entry.label}
          </a>
        ) : (
          <button
            ref={ref}
            type="button"
            role="menuitem"
            tabIndex={-1}
            className={itemClass(entry.danger)}
            onClick={() => {
              close(true);
              entry.onSelect?.();
            }}
          >
            {entry.label}
          </button>
        )}
      </li>,
    );
  });

  return (
    <div ref={root} className="relative">
      <button
        ref={buttonRef}
        type="button"
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={open ? menuId : undefined}
        aria-label={label}
        title={label}
        className={buttonClasses('secondary', 'sm')}
        onClick={() => setOpen((o) => !o)}
        onKeyDown={(e) => {
          if (e.key === 'ArrowDown' && !open) {
            e.preventDefault();
            setOpen(true);
          }
        }}
      >
        <Ellipsis aria-hidden="true" className="size-5" />
      </button>
      {open && (
        <ul
          id={menuId}
          role="menu"
          aria-label={label}
          onKeyDown={onMenuKey}
          className="absolute right-0 z-30 mt-1 w-64 rounded-md border border-slate-200 bg-white py-1 shadow-lg"
        >
          {rows}
        </ul>
      )}
    </div>
  );
}
