'use client';

import { type ReactNode, useCallback, useEffect, useId, useRef, useState } from 'react';
import { Button } from '@/components/ui/button';

const FIELD = 'input:not([type="hidden"]), select, textarea';

/**
 * A button that opens a form fetched on demand (next/dynamic in the caller), so the form's code and
 * its zod schema stay out of the page's first load. On open, focus goes to the panel at once, then
 * to the form's first field when its code has arrived (unless the user moved it meanwhile); on close,
 * back to the button. `preload` starts the download as soon as the pointer or the keyboard reaches
 * the button, so the form usually shows without a loading state.
 */
export function LazyFormDisclosure({
  openLabel,
  preload,
  children,
}: {
  openLabel: string;
  preload?: () => void;
  children: (close: () => void) => ReactNode;
}) {
  // 'initial' until the user acts: focus is only moved in answer to the button or the form.
  const [state, setState] = useState<'initial' | 'open' | 'closed'>('initial');
  const open = state === 'open';
  const close = useCallback(() => setState('closed'), []);
  const opener = useRef<HTMLButtonElement>(null);
  const panel = useRef<HTMLDivElement>(null);
  const panelId = useId();

  useEffect(() => {
    if (state === 'initial') return;
    const el = panel.current;
    if (state === 'closed' || !el) {
      opener.current?.focus();
      return;
    }
    el.focus();
    const focusField = () => {
      const field = el.querySelector<HTMLElement>(FIELD);
      if (field && document.activeElement === el) field.focus();
      return Boolean(field);
    };
    if (focusField()) return;
    const observer = new MutationObserver(() => focusField() && observer.disconnect());
    observer.observe(el, { childList: true, subtree: true });
    return () => observer.disconnect();
  }, [state]);

  return (
    <>
      {!open && (
        <Button
          ref={opener}
          variant="secondary"
          aria-expanded={false}
          aria-controls={panelId}
          onClick={() => setState('open')}
          onPointerEnter={preload}
          onFocus={preload}
        >
          {openLabel}
        </Button>
      )}
      <div id={panelId} ref={panel} tabIndex={-1} className="outline-none">
        {open && children(close)}
      </div>
    </>
  );
}
