/**
 * EmptyState: what to show when a list has nothing. Server/client safe.
 *   <EmptyState title="Aucun document" description="Déposez un premier fichier." action={<Button>Ajouter</Button>} />
 */
import type { ReactNode } from 'react';
import { cn } from './cn';

export function EmptyState({
  title,
  description,
  action,
  className,
}: {
  title: string;
  description?: ReactNode;
  action?: ReactNode;
  className?: string;
}) {
  return (
    <div
      className={cn('rounded-lg border border-dashed border-slate-300 bg-slate-50 px-4 py-8 text-center', className)}
    >
      <p className="text-base font-medium text-slate-900">{title}</p>
      {description && <div className="mt-1 text-sm text-slate-600">{description}</div>}
      {action && <div className="mt-4 flex justify-center">{action}</div>}
    </div>
  );
}
