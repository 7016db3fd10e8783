'use client';

import { Check } from 'lucide-react';
import { type ReactNode, useRef, useState } from 'react';
import { Button } from '@/components/ui/button';

/**
 * A secret the server hands back once (an API token, a one-time link no e-mail could carry): shown in a
 * read-only field with a copy button, until the admin says it is taken care of.
 */
export function ShownOnceSecret({
  id,
  title,
  children,
  label,
  value,
  testId,
  copyLabel,
  copiedMessage,
  dismissLabel,
  onDismiss,
}: {
  /** Prefix of the title's and the field's ids. */
  id: string;
  title: ReactNode;
  /** What to do with it (shown under the title). */
  children: ReactNode;
  /** The field's label (for screen readers). */
  label: string;
  value: string;
  testId?: string;
  copyLabel: string;
  /** Announced to screen readers once copied. */
  copiedMessage: string;
  dismissLabel: string;
  onDismiss: () => void;
}) {
  const inputRef = useRef<HTMLInputElement>(null);
  const [copied, setCopied] = useState(false);
  async function copy() {
    try {
      await navigator.clipboard.writeText(value);
      setCopied(true);
    } catch {
      // Clipboard refused (permissions, http): select the text so Ctrl+C works.
      inputRef.current?.select();
    }
  }
  return (
    <section
      role="alert"
      aria-labelledby={`${id}-title`}
      className="space-y-3 rounded-lg border border-amber-400 bg-amber-50 p-4"
    >
      <h2 id={`${id}-title`} className="font-semibold text-amber-950">
        {title}
      </h2>
      <p className="text-sm text-amber-950">{children}</p>
      <label htmlFor={`${id}-value`} className="sr-only">
        {label}
      </label>
      <input
        ref={inputRef}
        id={`${id}-value`}
        readOnly
        value={value}
        data-testid={testId}
        onFocus={(e) => e.currentTarget.select()}
        className="block min-h-11 w-full rounded-md border border-amber-400 bg-white px-3 font-mono text-sm"
      />
      <div className="flex flex-wrap gap-2">
        <Button onClick={copy}>
          {copied ? (
            <>
              <Check className="size-4" aria-hidden="true" /> Copié
            </>
          ) : (
            copyLabel
          )}
        </Button>
        <Button variant="secondary" onClick={onDismiss}>
          {dismissLabel}
        </Button>
      </div>
      <p aria-live="polite" className="sr-only">
        {copied ? copiedMessage : ''}
      </p>
    </section>
  );
}
