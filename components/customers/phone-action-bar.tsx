'use client';

import { Camera, type LucideIcon, Navigation, NotebookPen, Phone } from 'lucide-react';
import Link from 'next/link';
import type { MouseEvent } from 'react';
import { hasPhoneActions, NOTE_FIELD_ID, type PhoneActions, UPLOAD_ANCHOR } from './phone-actions';

export interface PhoneActionBarProps extends PhoneActions {
  customerId: string;
}

const itemClass =
  'flex min-h-14 flex-1 flex-col items-center justify-center gap-0.5 rounded-md px-1 text-xs font-medium text-slate-800 no-underline hover:bg-slate-100 hover:no-underline focus-visible:outline-2 focus-visible:outline-blue-600';

function Item({ icon: Icon, label }: { icon: LucideIcon; label: string }) {
  return (
    <>
      <Icon aria-hidden="true" className="size-5" />
      {label}
    </>
  );
}

/**
 * Phones only (hidden from lg): the four field actions at the bottom of the screen, in thumb reach —
 * Appeler (tel:), Itinéraire (geo:), Photo (documents upload, camera first), Note (the note form).
 * Fixed, so it stays there on every tab; the layout leaves room for it under the content.
 */
export function PhoneActionBar({ customerId, phone, itinerary, canPhoto, canNote }: PhoneActionBarProps) {
  if (!hasPhoneActions({ phone, itinerary, canPhoto, canNote })) return null;
  function focusNote(e: MouseEvent<HTMLAnchorElement>) {
    // Already on the profile: focus the field instead of navigating (a same-page hash does not focus).
    const field = document.getElementById(NOTE_FIELD_ID);
    if (!field) return;
    e.preventDefault();
    field.scrollIntoView({ block: 'center' });
    field.focus({ preventScroll: true });
  }
  return (
    <nav
      aria-label="Actions rapides"
      data-testid="phone-action-bar"
      className="fixed inset-x-0 bottom-0 z-20 border-t border-slate-200 bg-white/95 px-2 pt-1 pb-[max(0.25rem,env(safe-area-inset-bottom))] shadow-[0_-2px_8px_rgba(15,23,42,0.08)] backdrop-blur lg:hidden"
    >
      <ul className="mx-auto flex max-w-xl gap-1">
        {phone && (
          <li className="flex flex-1">
            <a href={`tel:${phone}`} className={itemClass}>
              <Item icon={Phone} label="Appeler" />
            </a>
          </li>
        )}
        {itinerary && (
          <li className="flex flex-1">
            <a href={itinerary} className={itemClass}>
              <Item icon={Navigation} label="Itinéraire" />
            </a>
          </li>
        )}
        {canPhoto && (
          <li className="flex flex-1">
            <Link href={`/customers/${customerId}/documents#${UPLOAD_ANCHOR}`} className={itemClass}>
              <Item icon={Camera} label="Photo" />
            </Link>
          </li>
        )}
        {canNote && (
          <li className="flex flex-1">
            <Link href={`/customers/${customerId}#${NOTE_FIELD_ID}`} onClick={focusNote} className={itemClass}>
              <Item icon={NotebookPen} label="Note" />
            </Link>
          </li>
        )}
      </ul>
    </nav>
  );
}
