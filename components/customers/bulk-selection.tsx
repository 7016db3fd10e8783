'use client';
/**
 * The customer list's selection: a checkbox per row (table and phone cards alike) and « Tout sélectionner
 * sur cette page », shared through a context so the list itself stays a server component. The selection is
 * the page's: the provider is keyed on the page's ids (app/(dashboard)/customers/(list)/page.tsx), so
 * another page, filter or a row that left the list starts from nothing. Native checkboxes inside 44 px
 * labels: keyboard (Tab, Space) and thumbs work without anything else.
 */
import { createContext, type ReactNode, useContext, useEffect, useMemo, useRef, useState } from 'react';
import { cn } from '@/components/ui/cn';

interface Selection {
  /** Every id of the page, in order. */
  ids: readonly string[];
  selected: ReadonlySet<string>;
  toggle: (id: string, on: boolean) => void;
  setAll: (on: boolean) => void;
}

const SelectionContext = createContext<Selection | null>(null);

export function BulkSelectionProvider({ ids, children }: { ids: readonly string[]; children: ReactNode }) {
  const [selected, setSelected] = useState<ReadonlySet<string>>(() => new Set());
  const value = useMemo<Selection>(
    () => ({
      ids,
      selected,
      toggle: (id, on) =>
        setSelected((prev) => {
          const next = new Set(prev);
          if (on) next.add(id);
          else next.delete(id);
          return next;
        }),
      setAll: (on) => setSelected(on ? new Set(ids) : new Set()),
    }),
    [ids, selected],
  );
  return <SelectionContext.Provider value={value}>{children}</SelectionContext.Provider>;
}

/** The page's selection; null outside a provider (the list rendered without selection). */
export function useBulkSelection(): Selection | null {
  return useContext(SelectionContext);
}

const BOX = 'size-5 rounded border-slate-400 accent-blue-700';
const TARGET = 'flex min-h-11 min-w-11 shrink-0 cursor-pointer items-center justify-center';

/** One row's checkbox; `label` names the customer (« Sélectionner Jeanne Martin »). */
export function RowCheckbox({ id, label, className }: { id: string; label: string; className?: string }) {
  const selection = useBulkSelection();
  if (!selection) return null;
  return (
    <label className={cn(TARGET, className)}>
      <input
        type="checkbox"
        className={BOX}
        checked={selection.selected.has(id)}
        onChange={(e) => selection.toggle(id, e.target.checked)}
        aria-label={`Sélectionner ${label}`}
      />
    </label>
  );
}

/** « Tout sélectionner sur cette page », mixed (indeterminate) when only some rows are ticked. */
export function SelectAllCheckbox() {
  const selection = useBulkSelection();
  const ref = useRef<HTMLInputElement>(null);
  const count = selection?.selected.size ?? 0;
  const all = !!selection && selection.ids.length > 0 && count === selection.ids.length;
  useEffect(() => {
    if (ref.current) ref.current.indeterminate = count > 0 && !all;
  }, [count, all]);
  if (!selection) return null;
  return (
    <label className="inline-flex min-h-11 cursor-pointer items-center gap-2 pr-2 text-sm font-medium text-slate-800">
      <span className={TARGET}>
        <input
          ref={ref}
          type="checkbox"
          className={BOX}
          checked={all}
          onChange={(e) => selection.setAll(e.target.checked)}
        />
      </span>
      Tout sélectionner sur cette page
    </label>
  );
}
