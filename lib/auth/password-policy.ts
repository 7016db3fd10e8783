import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import * as common from '@zxcvbn-ts/language-common';
import * as fr from '@zxcvbn-ts/language-fr';
import { MIN_PASSWORD_LENGTH } from '@/lib/users/limits';

/**
 * Password strength, offline: zxcvbn estimates how many guesses a password needs against the shipped
 * lists (the common-passwords list — breached passwords —, French words, first and last names, keyboard
 * patterns). Server side only: the dictionaries are megabytes the browser never needs.
 */
let factory: ZxcvbnFactory | undefined;
function zxcvbn(): ZxcvbnFactory {
  factory ??= new ZxcvbnFactory({
    translations: fr.translations,
    graphs: common.adjacencyGraphs,
    dictionary: { ...common.dictionary, ...fr.dictionary },
    useLevenshteinDistance: true,
  });
  return factory;
}

/** Score 3 of 4: "safely unguessable" (about 10^8 guesses) even against an offline attack on a weak hash. */
export const MIN_PASSWORD_SCORE = 3;

/**
 * Why this password is refused (French, for the form), or null when it is accepted. `context` is what the
 * password must not be built from: the person's name and e-mail, the product's name.
 */
export function passwordWeakness(password: string, context: readonly string[] = []): string | null {
  if (password.length < MIN_PASSWORD_LENGTH) return `Au moins ${MIN_PASSWORD_LENGTH} caractères.`;
  const words = context.flatMap((c) => {
    const parts = c.toLowerCase().split(/[\s@._-]+/);
    return [...parts, parts.join(''), c.toLowerCase().split('@')[0]];
  });
  const inputs = [...words, 'customer', '360', 'customer360'];
  const result = zxcvbn().check(
    password.slice(0, 256),
    inputs.filter((w) => w.length >= 3),
  );
  if (result.score >= MIN_PASSWORD_SCORE) return null;
  const reason = result.feedback.warning ? `${result.feedback.warning.replace(/\.$/, '')}. ` : '';
  return `${reason}Mot de passe trop facile à deviner : allongez-le ou utilisez plusieurs mots sans rapport entre eux.`;
}
