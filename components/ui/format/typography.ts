/**
 * French typography for UI strings (README "French typography"). Pure, server and client safe.
 *   frenchText("Clé: valeur")             → 'Clé\u202F: valeur'
 *   frenchText("Segment « A »")           → 'Segment «\u202FA\u202F»'
 *   frenchText("l'adresse")               → 'l’adresse'
 *   frenchText("ratio 0.1")               → 'ratio 0,1'
 * The narrow no-break space (U+202F) keeps « : ; ? ! » and the guillemets glued to their word, so a
 * line never starts with a colon; it is also what Intl fr-FR puts before '€' and '%'.
 */
export const NNBSP = '\u202f';

// Any run of spaces (ordinary, no-break, thin, narrow) we may replace with one narrow no-break space.
const SPACES = '[ \\u00a0\\u2009\\u202f]';
const BEFORE_PUNCT = new RegExp(`${SPACES}+([;:?!])`, 'g');
// A word glued to « : ; ? ! » ("Pourquoi?", "Clé: v") when a space, the end or other punctuation
// follows: never "10:30", "https://" or "a?b=1".
const GLUED_PUNCT = /([\p{L}\p{N})»%€])([;:?!]+)(?=\s|$|[.,)])/gu;
const AFTER_OPEN_QUOTE = new RegExp(`«${SPACES}*`, 'g');
const BEFORE_CLOSE_QUOTE = new RegExp(`${SPACES}*»`, 'g');
// l'adresse, aujourd'hui, "Ajouter l'étiquette": an apostrophe between letters (never a code quote).
const STRAIGHT_APOSTROPHE = /(\p{L})'(?=\p{L})/gu;
// 0.1, 12.50: one dot between digits, not part of a dotted run (1.2.3, 14.03.2025, 192.168.0.1).
const DECIMAL_POINT = /(?<![\d.])(\d+)\.(\d+)(?![\d.]|\.\d)/g;

export interface FrenchTextOptions {
  /** Turn "0.1" into "0,1" (default true; switch off for text with version numbers). */
  decimals?: boolean;
}

/** Applies French typography to a UI string; null/undefined give ''. Idempotent. */
export function frenchText(text: string | null | undefined, options: FrenchTextOptions = {}): string {
  if (text === null || text === undefined) return '';
  let out = String(text)
    .replace(STRAIGHT_APOSTROPHE, '$1’')
    .replace(BEFORE_PUNCT, `${NNBSP}$1`)
    .replace(GLUED_PUNCT, `$1${NNBSP}$2`)
    .replace(AFTER_OPEN_QUOTE, `«${NNBSP}`)
    .replace(BEFORE_CLOSE_QUOTE, `${NNBSP}»`);
  if (options.decimals !== false) out = out.replace(DECIMAL_POINT, '$1,$2');
  return out;
}

/** "Clé : valeur" with the narrow no-break space, for detail lines built from parts. */
export function labelValue(label: string, value: string): string {
  return `${label}${NNBSP}: ${value}`;
}

/** « texte » with narrow no-break spaces inside the guillemets. */
export function quoted(text: string): string {
  return `«${NNBSP}${text}${NNBSP}»`;
}

/**
 * "+33312546029" → "03 12 54 60 29" without libphonenumber (for client code that shows numbers
 * found in text, like the timeline); other numbers are returned as given. Display with
 * formatPhone (./phone) where the full metadata is affordable.
 */
export function nationalFrenchPhone(e164: string): string {
  const m = /^\+33([1-9])(\d{2})(\d{2})(\d{2})(\d{2})$/.exec(e164);
  return m ? `0${m[1]}\u00a0${m[2]}\u00a0${m[3]}\u00a0${m[4]}\u00a0${m[5]}` : e164;
}
