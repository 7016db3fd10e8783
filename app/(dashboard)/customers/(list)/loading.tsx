// In the (list) route group so this list-shaped skeleton is not shown while a customer page loads.
import { Skeleton } from '@/components/ui/skeleton';

export default function CustomersLoading() {
  return (
    <div role="status" aria-live="polite" className="space-y-4">
      <span className="sr-only">Chargement des clients…</span>
      <div aria-hidden="true" className="flex items-center justify-between">
        <Skeleton className="h-8 w-32" />
        <Skeleton className="h-11 w-36" />
      </div>
      <div aria-hidden="true" className="rounded-lg border border-slate-200 bg-white p-4">
        <Skeleton className="h-11 w-full" />
      </div>
      <div aria-hidden="true" className="space-y-2 rounded-lg border border-slate-200 bg-white p-4">
        {Array.from({ length: 8 }, (_, i) => (
          <div key={i} className="flex items-center gap-4">
            <Skeleton className="h-10 flex-1" />
            <Skeleton className="hidden h-6 w-24 md:block" />
            <Skeleton className="hidden h-6 w-32 md:block" />
            <Skeleton className="h-6 w-16" />
          </div>
        ))}
      </div>
    </div>
  );
}
