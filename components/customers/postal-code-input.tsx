'use client';
/**
 * Postal code + city inputs with suggestions from /api/postal-codes as the user types in either
 * field (postal code prefix or commune name, accent-insensitive). Choosing a suggestion fills both.
 * ARIA 1.2 combobox: ↑/↓ move, Enter chooses, Esc closes; works without JavaScript as two plain
 * inputs (names `postalCode` and `city` by default).
 *
 *   <PostalCodeInput defaultPostalCode={v('postalCode')} defaultCity={v('city')}
 *     postalCodeError={errors.postalCode} cityError={errors.city} />
 */
import { type KeyboardEvent, useEffect, useId, useRef, useState } from 'react';
import { type FieldError, firstError, inputClasses } from '@/components/ui/field';

export interface PostalCodeSuggestion {
  postalCode: string;
  city: string;
  inseeCode: string;
  latitude: number;
  longitude: number;
}

export interface PostalCodeInputProps {
  postalCodeName?: string;
  cityName?: string;
  defaultPostalCode?: string | null;
  defaultCity?: string | null;
  postalCodeError?: FieldError;
  cityError?: FieldError;
  required?: boolean;
  /** Called with the chosen commune (e.g. to preview the position). */
  onSelect?: (s: PostalCodeSuggestion) => void;
  /** Layout classes for each field wrapper (the form's grid). */
  postalCodeClassName?: string;
  cityClassName?: string;
}

type Which = 'postalCode' | 'city';

export function PostalCodeInput({
  postalCodeName = 'postalCode',
  cityName = 'city',
  defaultPostalCode,
  defaultCity,
  postalCodeError,
  cityError,
  required,
  onSelect,
  postalCodeClassName,
  cityClassName,
}: PostalCodeInputProps) {
  const id = useId();
  const [postalCode, setPostalCode] = useState(defaultPostalCode ?? '');
  const [city, setCity] = useState(defaultCity ?? '');
  const [items, setItems] = useState<PostalCodeSuggestion[]>([]);
  const [active, setActive] = useState(-1);
  const [open, setOpen] = useState<Which | null>(null);
  const [status, setStatus] = useState('');
  const cache = useRef(new Map<string, PostalCodeSuggestion[]>());

  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const inflight = useRef<AbortController | null>(null);

  // Debounced fetch as the user types; stale answers are ignored (AbortController).
  function requestSuggestions(raw: string) {
    clearTimeout(timer.current);
    inflight.current?.abort();
    const q = raw.trim();
    if (q.length < 2) {
      setItems([]);
      return;
    }
    const hit = cache.current.get(q);
    if (hit) {
      setItems(hit);
      setActive(-1);
      setStatus(hit.length ? `${hit.length} suggestion(s)` : 'Aucune commune trouvée');
      return;
    }
    const controller = new AbortController();
    inflight.current = controller;
    timer.current = setTimeout(async () => {
      try {
        const res = await fetch(`/api/postal-codes?q=${encodeURIComponent(q)}&limit=10`, { signal: controller.signal });
        if (!res.ok) throw new Error(String(res.status));
        const body = (await res.json()) as { data: PostalCodeSuggestion[] };
        cache.current.set(q, body.data);
        setItems(body.data);
        setActive(-1);
        setStatus(body.data.length ? `${body.data.length} suggestion(s)` : 'Aucune commune trouvée');
      } catch (error) {
        if ((error as Error).name !== 'AbortError') {
          setItems([]);
          setStatus('Suggestions indisponibles — saisissez la ville à la main.');
        }
      }
    }, 150);
  }

  useEffect(
    () => () => {
      clearTimeout(timer.current);
      inflight.current?.abort();
    },
    [],
  );

  function choose(s: PostalCodeSuggestion) {
    setPostalCode(s.postalCode);
    setCity(s.city);
    setOpen(null);
    setItems([]);
    setActive(-1);
    setStatus(`${s.postalCode} ${s.city} choisi`);
    onSelect?.(s);
  }

  function onKeyDown(which: Which) {
    return (e: KeyboardEvent<HTMLInputElement>) => {
      const visible = open === which && items.length > 0;
      if (e.key === 'ArrowDown') {
        e.preventDefault();
        setOpen(which);
        setActive((i) => Math.min(i + 1, items.length - 1));
      } else if (e.key === 'ArrowUp') {
        e.preventDefault();
        setActive((i) => Math.max(i - 1, 0));
      } else if (e.key === 'Enter' && visible && active >= 0) {
        // Enter picks the highlighted commune instead of submitting the form.
        e.preventDefault();
        choose(items[active]);
      } else if (e.key === 'Escape' && visible) {
        e.preventDefault();
        setOpen(null);
      }
    };
  }

  function field(which: Which) {
    const isPostal = which === 'postalCode';
    const inputId = `${id}-${which}`;
    const listId = `${id}-${which}-list`;
    const error = firstError(isPostal ? postalCodeError : cityError);
    const visible = open === which && items.length > 0;
    return (
      <div className={`relative space-y-1 ${(isPostal ? postalCodeClassName : cityClassName) ?? ''}`}>
        <label htmlFor={inputId} className="block text-sm font-medium text-slate-800">
          {isPostal ? 'Code postal' : 'Ville'}
          {required && (
            <span aria-hidden="true" className="ml-0.5 text-red-700">
              *
            </span>
          )}
        </label>
        <input
          id={inputId}
          name={isPostal ? postalCodeName : cityName}
          value={isPostal ? postalCode : city}
          required={required}
          role="combobox"
          aria-autocomplete="list"
          aria-expanded={visible}
          aria-controls={listId}
          aria-activedescendant={visible && active >= 0 ? `${listId}-${active}` : undefined}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${inputId}-error` : undefined}
          inputMode={isPostal ? 'numeric' : 'text'}
          autoComplete={isPostal ? 'postal-code' : 'address-level2'}
          maxLength={isPostal ? 5 : 100}
          className={inputClasses(!!error)}
          onChange={(e) => {
            const v = e.target.value;
            if (isPostal) setPostalCode(v);
            else setCity(v);
            requestSuggestions(v);
            setOpen(which);
          }}
          onFocus={() => setOpen(which)}
          onBlur={() => setTimeout(() => setOpen((o) => (o === which ? null : o)), 150)}
          onKeyDown={onKeyDown(which)}
        />
        {visible && (
          <ul
            id={listId}
            role="listbox"
            aria-label="Communes suggérées"
            className="absolute z-20 mt-1 max-h-72 w-full min-w-64 overflow-auto rounded-md border border-slate-200 bg-white shadow-lg"
          >
            {items.map((s, i) => (
              <li
                key={`${s.postalCode}-${s.inseeCode}`}
                id={`${listId}-${i}`}
                role="option"
                aria-selected={i === active}
                onMouseDown={(e) => {
                  e.preventDefault();
                  choose(s);
                }}
                className={`flex min-h-11 cursor-pointer items-center gap-3 px-3 text-sm ${i === active ? 'bg-blue-50' : 'hover:bg-slate-50'}`}
              >
                <span className="font-mono text-slate-700">{s.postalCode}</span>
                <span className="text-slate-900">{s.city}</span>
              </li>
            ))}
          </ul>
        )}
        {error && (
          <p id={`${inputId}-error`} className="text-sm text-red-700">
            {error}
          </p>
        )}
      </div>
    );
  }

  return (
    <>
      {field('postalCode')}
      {field('city')}
      <p className="sr-only" aria-live="polite">
        {status}
      </p>
    </>
  );
}
