import Link from 'next/link';
import { buttonClasses } from './button';

/**
 * Links of a keyset-paged list the server renders: « Revenir aux plus récents » (off the first page) and the
 * next, older page. `href(cursor)` builds the page's address (no cursor = the first page).
 */
export function KeysetNav({
  label,
  olderLabel,
  isFirstPage,
  nextCursor,
  href,
}: {
  /** The navigation's accessible name (« Pages de l’historique »). */
  label: string;
  olderLabel: string;
  isFirstPage: boolean;
  nextCursor: string | null;
  href: (cursor?: string) => string;
}) {
  return (
    <nav aria-label={label} className="flex flex-wrap gap-2">
      {!isFirstPage && (
        <Link href={href()} className={buttonClasses('secondary', 'sm')}>
          Revenir aux plus récents
        </Link>
      )}
      {nextCursor && (
        <Link href={href(nextCursor)} className={buttonClasses('secondary', 'sm')}>
          {olderLabel}
        </Link>
      )}
    </nav>
  );
}
