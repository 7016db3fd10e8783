import { describe, expect, it } from 'vitest';
import { escapeLike, phoneFragmentE164, searchTerms } from '@/lib/search/terms';

describe('global search terms', () => {
  it('turns a French phone fragment into its E.164 digits', () => {
    expect(phoneFragmentE164('06 12 34')).toBe('+3361234');
    expect(phoneFragmentE164('06.12.34.56.78')).toBe('+33612345678');
    expect(phoneFragmentE164('+33 6 12')).toBe('+33612');
    expect(phoneFragmentE164('0033 6 12')).toBe('+33612');
    expect(phoneFragmentE164('06')).toBeNull();
    expect(phoneFragmentE164('martin')).toBeNull();
    expect(phoneFragmentE164('732829320')).toBeNull(); // a SIRET start, not a phone
  });

  it('compacts plates for the vehicle pattern, with or without dashes', () => {
    expect(searchTerms('ab-123').vehiclePattern).toBe('%AB123%');
    expect(searchTerms('AB 123 cd').vehiclePattern).toBe('%AB123CD%');
    expect(searchTerms('ab').vehiclePattern).toBeNull();
  });

  it('keeps number fragments upper case and escapes LIKE wildcards', () => {
    expect(searchTerms('c-000123').numberPattern).toBe('%C-000123%');
    expect(searchTerms('F_20%').numberPattern).toBe('%F\\_20\\%%');
    expect(escapeLike('a\\b')).toBe('a\\\\b');
  });

  it('searches contacts only when one word gives the trigram index something to use', () => {
    expect(searchTerms('jo').contactPatterns).toEqual([]);
    expect(searchTerms('Hélène Lé').contactPatterns).toEqual(['%helene%', '%le%']);
    expect(searchTerms('compta@garage.fr').contactPatterns).toEqual(['%compta@garage.fr%']);
  });

  it('reuses the customer list tsquery (prefix words, phone forms)', () => {
    expect(searchTerms('Martin').customerTsquery).toBe("'martin':*");
    expect(searchTerms('06 12 34').customerTsquery).toContain("'061234':*");
    expect(searchTerms('---').customerTsquery).toBeNull();
  });

  it('turns one or two characters into a sort-name range instead of a GIN prefix', () => {
    expect(searchTerms('Mé')).toMatchObject({ customerTsquery: null, namePrefix: { from: 'me', to: 'mf' } });
    expect(searchTerms('mar').namePrefix).toBeNull();
  });
});
