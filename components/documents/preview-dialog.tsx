'use client';

import { useRef, useState } from 'react';
import { Button, buttonClasses } from '@/components/ui/button';

/**
 * Preview in a native modal <dialog> (Esc closes, focus returns). Images in <img>, PDFs in
 * <object> with a link as fallback (browsers without a PDF viewer, or framing refused).
 */
export function PreviewDialog({ name, url, mime }: { name: string; url: string; mime: string }) {
  const ref = useRef<HTMLDialogElement>(null);
  // The file is fetched only once the dialog has been opened.
  const [opened, setOpened] = useState(false);
  const inlineUrl = `${url}?inline=1`;
  const isPdf = mime === 'application/pdf';
  return (
    <>
      <Button
        variant="secondary"
        size="sm"
        onClick={() => (setOpened(true), ref.current?.showModal())}
        aria-label={`Aperçu de ${name}`}
      >
        Aperçu
      </Button>
      <dialog
        ref={ref}
        aria-label={`Aperçu de ${name}`}
        className="m-auto w-[min(96vw,900px)] max-w-none rounded-lg p-0 backdrop:bg-slate-900/60"
        onClick={(e) => {
          if (e.target === ref.current) ref.current?.close();
        }}
      >
        <div className="flex items-center justify-between gap-2 border-b border-slate-200 p-2 pl-4">
          <p className="truncate text-sm font-medium text-slate-900">{name}</p>
          <div className="flex shrink-0 gap-2">
            <a href={inlineUrl} target="_blank" rel="noopener" className={buttonClasses('ghost', 'sm')}>
              Nouvel onglet
            </a>
            <Button variant="secondary" size="sm" onClick={() => ref.current?.close()}>
              Fermer
            </Button>
          </div>
        </div>
        <div className="flex max-h-[80vh] items-center justify-center overflow-auto bg-slate-50 p-2">
          {!opened ? null : isPdf ? (
            <object data={inlineUrl} type="application/pdf" className="h-[75vh] w-full" aria-label={name}>
              <p className="p-4 text-sm text-slate-700">
                Aperçu indisponible dans ce navigateur.{' '}
                <a href={inlineUrl} target="_blank" rel="noopener" className="text-blue-700 underline">
                  Ouvrir le PDF
                </a>
              </p>
            </object>
          ) : (
            // eslint-disable-next-line @next/next/no-img-element -- authenticated, private file: no optimizer
            <img src={inlineUrl} alt={name} loading="lazy" className="max-h-[75vh] max-w-full object-contain" />
          )}
        </div>
      </dialog>
    </>
  );
}
