'use client';
/**
 * Tag chips with their colour; add by typing (suggestions from existing tags, keyboard-accessible
 * listbox), create on the fly with a colour when the name is new, remove with the chip's button.
 */
import Link from 'next/link';
import { type KeyboardEvent, useId, useMemo, useState, useTransition } from 'react';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { inputClasses } from '@/components/ui/field';
import { useToast } from '@/components/ui/toast';
import { initialActionState } from '@/lib/action-state';
import { addTagAction, removeTagAction } from '@/lib/tags/actions';
import { DEFAULT_TAG_COLOR, TAG_COLORS } from '@/lib/tags/colors';

interface Tag {
  id: string;
  name: string;
  color: string;
  customerCount?: number;
}

const fold = (s: string) =>
  s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .trim();

export function TagsEditor({
  customerId,
  tags,
  allTags,
  canEdit,
}: {
  customerId: string;
  tags: Tag[];
  allTags: Tag[];
  canEdit: boolean;
}) {
  const toast = useToast();
  const [pending, startTransition] = useTransition();
  const [text, setText] = useState('');
  const [color, setColor] = useState<string>(DEFAULT_TAG_COLOR);
  const [active, setActive] = useState(-1);
  const [open, setOpen] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const id = useId();
  const listId = `${id}-list`;

  const attached = useMemo(() => new Set(tags.map((t) => t.id)), [tags]);
  const query = fold(text);
  const suggestions = useMemo(
    () => allTags.filter((t) => !attached.has(t.id) && (!query || fold(t.name).includes(query))).slice(0, 8),
    [allTags, attached, query],
  );
  const exact = allTags.find((t) => fold(t.name) === query);
  const isNew = query.length > 0 && !exact;

  function add(input: { tagId?: string; name?: string; color?: string }) {
    setError(null);
    startTransition(async () => {
      const fd = new FormData();
      if (input.tagId) fd.set('tagId', input.tagId);
      if (input.name) fd.set('name', input.name);
      if (input.color) fd.set('color', input.color);
      const r = await addTagAction(customerId, initialActionState, fd);
      if (r.ok) {
        setText('');
        setOpen(false);
        setActive(-1);
        toast.success(r.message);
      } else {
        setError(r.fieldErrors?.name?.[0] ?? r.message);
      }
    });
  }

  function remove(tag: Tag) {
    startTransition(async () => {
      const r = await removeTagAction(customerId, tag.id, initialActionState, new FormData());
      toast.show(r.ok ? `Étiquette « ${tag.name} » retirée.` : r.message, r.ok ? 'success' : 'error');
    });
  }

  function submitText() {
    if (!query) return;
    if (exact) add({ tagId: exact.id });
    else add({ name: text.trim(), color });
  }

  function onKeyDown(e: KeyboardEvent<HTMLInputElement>) {
    if (e.key === 'ArrowDown') {
      e.preventDefault();
      setOpen(true);
      setActive((i) => Math.min(i + 1, suggestions.length - 1));
    } else if (e.key === 'ArrowUp') {
      e.preventDefault();
      setActive((i) => Math.max(i - 1, -1));
    } else if (e.key === 'Enter') {
      e.preventDefault();
      if (open && active >= 0 && suggestions[active]) add({ tagId: suggestions[active].id });
      else submitText();
    } else if (e.key === 'Escape') {
      setOpen(false);
      setActive(-1);
    }
  }

  return (
    <Card title="Étiquettes">
      {tags.length === 0 ? (
        <p className="text-sm text-slate-600">Aucune étiquette.</p>
      ) : (
        <ul className="flex flex-wrap gap-2" aria-label="Étiquettes du client">
          {tags.map((t) => (
            <li
              key={t.id}
              className="inline-flex min-h-9 items-center gap-1 rounded-full border border-slate-300 bg-white py-0.5 pr-1 pl-3 text-sm text-slate-900"
            >
              <span
                aria-hidden="true"
                className="inline-block size-3 rounded-full"
                style={{ backgroundColor: t.color }}
              />
              <Link
                href={`/customers?tag=${encodeURIComponent(t.name)}`}
                className="underline-offset-2 hover:underline"
              >
                {t.name}
              </Link>
              {canEdit && (
                <button
                  type="button"
                  onClick={() => remove(t)}
                  disabled={pending}
                  className="inline-flex min-h-11 min-w-11 items-center justify-center rounded-full text-slate-600 hover:bg-slate-100 hover:text-red-700"
                  aria-label={`Retirer l’étiquette ${t.name}`}
                >
                  <span aria-hidden="true">×</span>
                </button>
              )}
            </li>
          ))}
        </ul>
      )}

      {canEdit && (
        <div className="relative mt-4 space-y-2">
          <label htmlFor={`${id}-input`} className="block text-sm font-medium text-slate-800">
            Ajouter une étiquette
          </label>
          <div className="flex gap-2">
            <input
              id={`${id}-input`}
              role="combobox"
              aria-expanded={open && suggestions.length > 0}
              aria-controls={listId}
              aria-autocomplete="list"
              aria-activedescendant={open && active >= 0 ? `${listId}-${active}` : undefined}
              aria-invalid={error ? true : undefined}
              aria-describedby={error ? `${id}-error` : undefined}
              autoComplete="off"
              maxLength={40}
              value={text}
              placeholder="ex. Flotte, VIP…"
              className={inputClasses(!!error)}
              onChange={(e) => {
                setText(e.target.value);
                setOpen(true);
                setActive(-1);
              }}
              onFocus={() => setOpen(true)}
              onBlur={() => setTimeout(() => setOpen(false), 150)}
              onKeyDown={onKeyDown}
            />
            <Button onClick={submitText} disabled={pending || !query} size="sm">
              {isNew ? 'Créer' : 'Ajouter'}
            </Button>
          </div>
          {open && suggestions.length > 0 && (
            <ul
              id={listId}
              role="listbox"
              aria-label="Étiquettes existantes"
              className="absolute z-10 mt-1 max-h-64 w-full overflow-auto rounded-md border border-slate-200 bg-white shadow-lg"
            >
              {suggestions.map((t, i) => (
                <li
                  key={t.id}
                  id={`${listId}-${i}`}
                  role="option"
                  aria-selected={i === active}
                  onMouseDown={(e) => {
                    e.preventDefault();
                    add({ tagId: t.id });
                  }}
                  className={`flex min-h-11 cursor-pointer items-center gap-2 px-3 text-sm ${i === active ? 'bg-blue-50' : ''}`}
                >
                  <span
                    aria-hidden="true"
                    className="inline-block size-3 rounded-full"
                    style={{ backgroundColor: t.color }}
                  />
                  {t.name}
                  {t.customerCount !== undefined && (
                    <span className="ml-auto text-xs text-slate-500">{t.customerCount} client(s)</span>
                  )}
                </li>
              ))}
            </ul>
          )}
          {isNew && (
            <fieldset className="space-y-1">
              <legend className="text-sm text-slate-700">Nouvelle étiquette « {text.trim()} » — couleur :</legend>
              <div className="flex flex-wrap gap-1">
                {TAG_COLORS.map((c) => (
                  <label
                    key={c}
                    className="inline-flex min-h-11 min-w-11 cursor-pointer items-center justify-center rounded-md has-[:checked]:ring-2 has-[:checked]:ring-blue-600"
                  >
                    <input
                      type="radio"
                      name={`${id}-color`}
                      value={c}
                      checked={color === c}
                      onChange={() => setColor(c)}
                      className="sr-only"
                    />
                    <span
                      aria-hidden="true"
                      className="inline-block size-6 rounded-full border border-slate-300"
                      style={{ backgroundColor: c }}
                    />
                    <span className="sr-only">{c}</span>
                  </label>
                ))}
              </div>
            </fieldset>
          )}
          {error && (
            <p id={`${id}-error`} className="text-sm text-red-700" role="alert">
              {error}
            </p>
          )}
        </div>
      )}
    </Card>
  );
}
