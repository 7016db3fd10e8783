import Link from 'next/link';
import { buttonClasses } from '@/components/ui/button';

/**
 * Keyset pager under a list: « Première page » once past it, « Suivantes » while there is more. The hrefs
 * keep the page's other parameters (filters, another list's cursor): the caller builds them.
 */
export function Pager({
  href,
  onFirst,
  nextHref,
  label,
}: {
  href: string;
  onFirst: boolean;
  nextHref: string | null;
  label: string;
}) {
  if (onFirst && !nextHref) return null;
  return (
    <nav aria-label={`Pages : ${label}`} className="mt-3 flex flex-wrap gap-2">
      {!onFirst && (
        <Link href={href} className={buttonClasses('secondary', 'sm')}>
          Première page
        </Link>
      )}
      {nextHref && (
        <Link href={nextHref} className={buttonClasses('secondary', 'sm')}>
          Suivantes
        </Link>
      )}
    </nav>
  );
}
