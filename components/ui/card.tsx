/**
 * Card: a bordered white panel. Server/client safe.
 *   <Card title="Véhicules" actions={<Button size="sm">Ajouter</Button>}>…contenu…</Card>
 *   <Card as="section" aria-labelledby="x">…</Card>   (no title → just the padded box)
 * `title` renders an <h2> (pass headingLevel={3} inside a section that already has an h2).
 */
import type { HTMLAttributes, ReactNode } from 'react';
import { cn } from './cn';

export interface CardProps extends Omit<HTMLAttributes<HTMLElement>, 'title'> {
  title?: ReactNode;
  description?: ReactNode;
  actions?: ReactNode;
  headingLevel?: 2 | 3;
  as?: 'section' | 'div' | 'article';
  /** Remove the body padding (e.g. for a full-width table). */
  flush?: boolean;
}

export function Card({
  title,
  description,
  actions,
  headingLevel = 2,
  as = 'section',
  flush,
  className,
  children,
  ...rest
}: CardProps) {
  const Tag = as;
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  return (
    <Tag className={cn('rounded-lg border border-slate-200 bg-white shadow-sm', className)} {...rest}>
      {(title || actions) && (
        <header className="flex flex-wrap items-center justify-between gap-2 border-b border-slate-100 px-4 py-3">
          <div className="min-w-0">
            {title && <Heading className="text-base font-semibold text-slate-900">{title}</Heading>}
            {description && <p className="mt-0.5 text-sm text-slate-600">{description}</p>}
          </div>
          {actions && <div className="flex flex-wrap items-center gap-2">{actions}</div>}
        </header>
      )}
      <div className={flush ? undefined : 'p-4'}>{children}</div>
    </Tag>
  );
}
