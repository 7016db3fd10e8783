/**
 * Shared by the server layout and the client pieces of the phone action bar (a function exported
 * from a 'use client' module cannot be called on the server).
 */

/** The new-note textarea of the Profile tab (components/customers/profile/notes-list.tsx). */
export const NOTE_FIELD_ID = 'nouvelle-note-body';
/** The documents tab's upload zone, which puts « Prendre une photo » first on touch screens. */
export const UPLOAD_ANCHOR = 'ajouter-des-documents';

export interface PhoneActions {
  /** E.164 number to call (the mobile first), or null. */
  phone: string | null;
  /** `geo:` URI (lib/geo/itinerary.ts), or null without an address. */
  itinerary: string | null;
  canPhoto: boolean;
  canNote: boolean;
}

/** Whether the bar has anything to offer (the layout leaves room under the content only then). */
export function hasPhoneActions(p: PhoneActions): boolean {
  return Boolean(p.phone || p.itinerary || p.canPhoto || p.canNote);
}
