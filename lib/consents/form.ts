/**
 * FormData of the consent form → the input of consentRecordSchema (lib/consents/schema.ts). No zod here:
 * the offline queue (lib/offline/forms.ts) builds the API body with it on every field page.
 */

/** Form fields arrive as strings: "true"/"false" for the decision, empty = absent. */
export function consentFormToInput(raw: Record<string, unknown>): Record<string, unknown> {
  const granted = raw.granted === 'true' || raw.granted === 'on' ? true : raw.granted === 'false' ? false : raw.granted;
  return { ...raw, granted };
}
