/**
 * Loading placeholders for Suspense fallbacks and loading.tsx. Server/client safe.
 *   <Skeleton className="h-6 w-40" />            one grey block
 *   <SkeletonText lines={3} />                   a paragraph
 *   <TabSkeleton label="Chargement des finances" />  a generic tab placeholder (cards + lines)
 * The wrappers carry role="status" + a visually hidden label so screen readers hear "Chargement…".
 */
import { cn } from './cn';

export function Skeleton({ className }: { className?: string }) {
  return <div aria-hidden="true" className={cn('animate-pulse rounded-md bg-slate-200', className)} />;
}

export function SkeletonText({ lines = 3, className }: { lines?: number; className?: string }) {
  return (
    <div aria-hidden="true" className={cn('space-y-2', className)}>
      {Array.from({ length: lines }, (_, i) => (
        <Skeleton key={i} className={cn('h-4', i === lines - 1 ? 'w-2/3' : 'w-full')} />
      ))}
    </div>
  );
}

export function TabSkeleton({ label = 'Chargement…', cards = 2 }: { label?: string; cards?: number }) {
  return (
    <div role="status" aria-live="polite" className="space-y-4">
      <span className="sr-only">{label}</span>
      {Array.from({ length: cards }, (_, i) => (
        <div key={i} aria-hidden="true" className="rounded-lg border border-slate-200 bg-white p-4">
          <Skeleton className="mb-4 h-5 w-48" />
          <SkeletonText lines={3} />
        </div>
      ))}
    </div>
  );
}
