'use client';
/**
 * « Exporter » as one button that opens its two formats (a native <details>: keyboard and touch work
 * without script), for the filtered list and for the selection. The links are plain downloads of
 * `GET /api/customers/export`; the menu closes once one is chosen.
 */
import { Download } from 'lucide-react';
import { useRef } from 'react';
import { buttonClasses } from '@/components/ui/button';

const FORMATS = [
  { format: 'csv', label: 'CSV (tableur)' },
  { format: 'xlsx', label: 'Excel (.xlsx)' },
] as const;

export function ExportMenu({ label, hrefs }: { label: string; hrefs: Record<'csv' | 'xlsx', string> }) {
  const menu = useRef<HTMLDetailsElement>(null);
  return (
    <details ref={menu} className="relative">
      <summary
        className={buttonClasses('secondary', 'md', 'cursor-pointer list-none [&::-webkit-details-marker]:hidden')}
      >
        <Download aria-hidden="true" className="size-4" />
        {label}
      </summary>
      <ul className="absolute left-0 z-20 mt-1 w-48 rounded-md border border-slate-200 bg-white p-1 shadow-lg sm:right-0 sm:left-auto">
        {FORMATS.map((f) => (
          <li key={f.format}>
            <a
              href={hrefs[f.format]}
              download
              onClick={() => menu.current?.removeAttribute('open')}
              className="flex min-h-11 items-center rounded px-3 text-sm text-slate-900 hover:bg-slate-100"
            >
              {f.label}
            </a>
          </li>
        ))}
      </ul>
    </details>
  );
}
