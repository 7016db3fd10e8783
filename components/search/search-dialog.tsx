'use client';
import { Command } from 'cmdk';
import { useRouter } from 'next/navigation';
import { useEffect, useId, useRef, useState } from 'react';
import { readRecentCustomers, type RecentCustomer } from './recent-customers';
import { SearchIcon } from './search-icon';
import { useSearchResults } from './use-search-results';

interface Line {
  key: string;
  label: string;
  secondary: string;
  href: string;
}

const ITEM =
  'flex min-h-11 cursor-pointer flex-col justify-center rounded-md px-3 py-2 text-left data-[selected=true]:bg-blue-50 data-[selected=true]:text-blue-900';
const HEADING =
  '[&_[cmdk-group-heading]]:px-3 [&_[cmdk-group-heading]]:pt-3 [&_[cmdk-group-heading]]:pb-1 [&_[cmdk-group-heading]]:text-xs [&_[cmdk-group-heading]]:font-semibold [&_[cmdk-group-heading]]:tracking-wide [&_[cmdk-group-heading]]:text-slate-500 [&_[cmdk-group-heading]]:uppercase';

/**
 * The global search: a modal <dialog> (focus kept inside, Escape closes, focus back to the top bar)
 * holding a cmdk command list (arrow keys move, Enter opens; combobox + listbox semantics). Results
 * come from GET /api/search, grouped; with an empty field, the last customers this user opened.
 * Full screen on phones, a centred panel from `sm` up.
 */
export function SearchDialog({ open, onClose, userId }: { open: boolean; onClose: () => void; userId: string }) {
  const router = useRouter();
  const dialogRef = useRef<HTMLDialogElement>(null);
  const inputRef = useRef<HTMLInputElement>(null);
  const titleId = useId();
  const [query, setQuery] = useState('');
  const [recent, setRecent] = useState<RecentCustomer[]>([]);
  const [selected, setSelected] = useState('');
  const state = useSearchResults(query);

  useEffect(() => {
    const dialog = dialogRef.current;
    if (!dialog) return;
    if (open && !dialog.open) {
      setRecent(readRecentCustomers(userId));
      setQuery('');
      dialog.showModal();
      // React's autoFocus ran while the dialog was still closed, and showModal() focuses the dialog
      // itself (no `autofocus` attribute in the DOM): put the caret in the field explicitly.
      inputRef.current?.focus();
    } else if (!open && dialog.open) dialog.close();
  }, [open, userId]);

  function go(href: string) {
    dialogRef.current?.close();
    router.push(href);
  }

  const response = state.status === 'done' ? state.response : state.status === 'loading' ? state.previous : null;
  const groups: { heading: string; lines: Line[] }[] =
    query.trim() === ''
      ? recent.length
        ? [{ heading: 'Clients récents', lines: recent.map((r) => ({ key: `recent:${r.id}`, ...r })) }]
        : []
      : response
        ? response.groups.map((g) => ({
            heading: g.label,
            lines: g.items.map((i) => ({ key: `${g.key}:${i.id}`, ...i })),
          }))
        : [];

  // The highlighted line: kept while it is still listed, else the first one (results arrive after
  // typing, so cmdk's own "first item on input" would point at a line that is gone).
  const keys = groups.flatMap((g) => g.lines.map((l) => l.key));
  const highlighted = keys.includes(selected) ? selected : (keys[0] ?? '');

  let status: string | null = null;
  if (query.trim() === '' && !recent.length)
    status = 'Tapez un nom, un numéro de client ou de facture, un téléphone, une ville, une plaque ou un VIN.';
  else if (state.status === 'loading' && !state.previous) status = 'Recherche…';
  else if (state.status === 'error') status = state.message;
  else if (state.status === 'done' && !groups.length) status = `Aucun résultat pour « ${query.trim()} ».`;

  return (
    <dialog
      ref={dialogRef}
      aria-labelledby={titleId}
      onClose={onClose}
      onClick={(e) => {
        // A click on the backdrop (the dialog element itself, outside its content box) closes it.
        if (e.target === dialogRef.current) dialogRef.current.close();
      }}
      data-testid="global-search"
      className="m-0 h-dvh max-h-none w-full max-w-none bg-white p-0 text-slate-900 backdrop:bg-slate-900/50 sm:mx-auto sm:mt-[10vh] sm:h-auto sm:max-h-[75vh] sm:w-[calc(100%-2rem)] sm:max-w-xl sm:rounded-xl sm:shadow-2xl"
    >
      <h2 id={titleId} className="sr-only">
        Recherche globale
      </h2>
      {/* cmdk names the input with this label too (aria-labelledby): combobox « Recherche globale ». */}
      <Command
        shouldFilter={false}
        loop
        value={highlighted}
        onValueChange={setSelected}
        label="Recherche globale"
        className="flex h-full flex-col sm:max-h-[75vh]"
      >
        <div className="flex items-center gap-2 border-b border-slate-200 px-3">
          <SearchIcon className="size-5 shrink-0 text-slate-500" />
          <Command.Input
            ref={inputRef}
            value={query}
            onValueChange={setQuery}
            maxLength={100}
            placeholder="Client, contact, téléphone, plaque, facture…"
            className="h-14 min-w-0 flex-1 bg-transparent text-base outline-none placeholder:text-slate-500"
          />
          <button
            type="button"
            onClick={() => dialogRef.current?.close()}
            className="min-h-11 min-w-11 rounded-md px-2 text-sm font-medium text-slate-700 hover:bg-slate-100 focus-visible:outline-2 focus-visible:outline-blue-600"
          >
            Fermer
          </button>
        </div>
        {/* Outside the listbox (only options and groups belong in it); announced politely. */}
        <p role="status" className={status ? 'px-3 py-6 text-center text-sm text-slate-600' : 'sr-only'}>
          {status}
        </p>
        <Command.List className={`min-h-0 flex-1 overflow-y-auto p-2 ${HEADING}`}>
          {groups.map((g) => (
            <Command.Group key={g.heading} heading={g.heading}>
              {g.lines.map((line) => (
                <Command.Item key={line.key} value={line.key} onSelect={() => go(line.href)} className={ITEM}>
                  <span className="font-medium">{line.label}</span>
                  {line.secondary && <span className="text-sm text-slate-600">{line.secondary}</span>}
                </Command.Item>
              ))}
            </Command.Group>
          ))}
        </Command.List>
        <p className="hidden border-t border-slate-200 px-3 py-2 text-xs text-slate-500 sm:block">
          ↑ ↓ pour choisir, Entrée pour ouvrir, Échap pour fermer.
        </p>
      </Command>
    </dialog>
  );
}
