'use client';

import { useRef, useState } from 'react';
import { Button } from '@/components/ui/button';
import { formatDateTime } from '@/components/ui/format';

/** A one-time link no e-mail could carry: shown once to the admin, who passes it on by hand. */
export function LinkNotice({
  email,
  url,
  expiresAt,
  onDismiss,
}: {
  email: string;
  url: string;
  expiresAt: string;
  onDismiss: () => void;
}) {
  const inputRef = useRef<HTMLInputElement>(null);
  const [copied, setCopied] = useState(false);
  async function copy() {
    try {
      await navigator.clipboard.writeText(url);
      setCopied(true);
    } catch {
      inputRef.current?.select();
    }
  }
  return (
    <section
      role="alert"
      aria-labelledby="link-notice-title"
      className="space-y-3 rounded-lg border border-amber-400 bg-amber-50 p-4"
    >
      <h2 id="link-notice-title" className="font-semibold text-amber-950">
        Lien à transmettre à {email}
      </h2>
      <p className="text-sm text-amber-950">
        Aucun e-mail n’a pu partir. Transmettez ce lien à la personne par un canal sûr : il ne fonctionne qu’une fois,
        jusqu’au {formatDateTime(expiresAt)}, et ne sera plus affiché.
      </p>
      <label htmlFor="link-notice-url" className="sr-only">
        Lien à usage unique
      </label>
      <input
        ref={inputRef}
        id="link-notice-url"
        readOnly
        value={url}
        data-testid="one-time-link"
        onFocus={(e) => e.currentTarget.select()}
        className="block min-h-11 w-full rounded-md border border-amber-400 bg-white px-3 font-mono text-sm"
      />
      <div className="flex flex-wrap gap-2">
        <Button onClick={copy}>{copied ? 'Copié ✓' : 'Copier le lien'}</Button>
        <Button variant="secondary" onClick={onDismiss}>
          C’est transmis
        </Button>
      </div>
    </section>
  );
}
