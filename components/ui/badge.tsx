/**
 * Badge: a small coloured label. Server/client safe.
 *   <Badge tone="success">Actif</Badge>   tones: neutral | success | warning | danger | info
 *   <Badge color="#0ea5e9">VIP</Badge>    (tag colour: a dot in that colour + neutral text, always readable)
 */
import type { ReactNode } from 'react';
import { cn } from './cn';

export type BadgeTone = 'neutral' | 'success' | 'warning' | 'danger' | 'info';

const TONES: Record<BadgeTone, string> = {
  neutral: 'bg-slate-100 text-slate-800 ring-slate-300',
  success: 'bg-green-50 text-green-800 ring-green-600/30',
  warning: 'bg-amber-50 text-amber-900 ring-amber-600/30',
  danger: 'bg-red-50 text-red-800 ring-red-600/30',
  info: 'bg-blue-50 text-blue-800 ring-blue-600/30',
};

export function Badge({
  tone = 'neutral',
  color,
  className,
  children,
}: {
  tone?: BadgeTone;
  color?: string;
  className?: string;
  children: ReactNode;
}) {
  return (
    <span
      className={cn(
        'inline-flex items-center gap-1.5 rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset',
        TONES[tone],
        className,
      )}
    >
      {color && (
        <span aria-hidden="true" className="inline-block size-2 rounded-full" style={{ backgroundColor: color }} />
      )}
      {children}
    </span>
  );
}
