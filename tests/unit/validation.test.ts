import { describe, expect, it } from 'vitest';
import {
  checkEmail,
  checkFrVat,
  checkPhone,
  checkPlate,
  checkPostalCode,
  checkSiren,
  checkSiret,
  checkVin,
  validateValue,
} from '@/lib/validation';
import { buildSearchQuery, buildSearchText, normalizeText, phoneSearchForms } from '@/lib/customers/search';

/** Independent Luhn (written here, not imported) so the module is checked against a second implementation. */
function luhn(digits: string): boolean {
  const sum = [...digits]
    .reverse()
    .map(Number)
    .reduce((acc, d, i) => acc + (i % 2 ? (d * 2 > 9 ? d * 2 - 9 : d * 2) : d), 0);
  return sum % 10 === 0;
}

describe('SIRET / SIREN', () => {
  // Real establishments: Google France (443 061 841), EDF head office (552 081 317), 732 829 320.
  it.each(['44306184100047', '55208131766522', '73282932000074'])(
    'accepts the real SIRET %s (Luhn verified independently)',
    (siret) => {
      expect(luhn(siret)).toBe(true);
      expect(checkSiret(siret)).toEqual({ valid: true, normalized: siret });
    },
  );

  it('accepts spaced spellings and normalises to 14 digits', () => {
    expect(checkSiret('443 061 841 00047')).toEqual({ valid: true, normalized: '44306184100047' });
  });

  it('rejects a wrong key', () => {
    expect(luhn('73282932000075')).toBe(false);
    const r = checkSiret('73282932000075');
    expect(r.valid).toBe(false);
    if (!r.valid) expect(r.message).toMatch(/clé/);
  });

  it('La Poste (SIREN 356000000): sum of digits multiple of 5 instead of Luhn', () => {
    expect(luhn('35600000049837')).toBe(false); // would fail Luhn
    expect([...'35600000049837'].reduce((s, c) => s + Number(c), 0) % 5).toBe(0);
    expect(checkSiret('35600000049837').valid).toBe(true);
    expect(checkSiret('35600000049838').valid).toBe(false);
    // the head office itself is Luhn-valid
    expect(checkSiret('35600000000048').valid).toBe(true);
  });

  it('rejects wrong lengths and letters', () => {
    expect(checkSiret('4430618410004').valid).toBe(false);
    expect(checkSiret('4430618410004A').valid).toBe(false);
  });

  it('SIREN: 9 digits with Luhn', () => {
    expect(checkSiren('443061841')).toEqual({ valid: true, normalized: '443061841' });
    expect(checkSiren('443 061 841').valid).toBe(true);
    expect(checkSiren('443061842').valid).toBe(false);
    expect(checkSiren('44306184').valid).toBe(false);
  });
});

describe('French VAT number', () => {
  const key = (siren: string) => (12 + 3 * (Number(siren) % 97)) % 97;

  it('accepts FR + computed key + SIREN', () => {
    const k = String(key('443061841')).padStart(2, '0');
    expect(k).toBe('64'); // 443061841 mod 97 = 82 → (12 + 3 × 82) mod 97 = 64
    expect(checkFrVat(`FR${k}443061841`)).toEqual({ valid: true, normalized: `FR${k}443061841` });
    expect(checkFrVat(`fr ${k} 443 061 841`).valid).toBe(true);
  });

  it('rejects a wrong key and wrong shapes', () => {
    const wrong = String((key('443061841') + 1) % 97).padStart(2, '0');
    expect(checkFrVat(`FR${wrong}443061841`).valid).toBe(false);
    expect(checkFrVat('DE123456789').valid).toBe(false);
    expect(checkFrVat('FR46443061').valid).toBe(false);
  });
});

describe('phone numbers (stored E.164)', () => {
  it.each([
    '06 12 34 56 78',
    '+33 (0)6 12 34 56 78',
    '0033612345678',
    '06.12.34.56.78',
    '0612345678',
    '+33 6 12 34 56 78',
  ])('%s → +33612345678', (spelling) => {
    expect(checkPhone(spelling)).toEqual({ valid: true, normalized: '+33612345678' });
  });

  it('landlines and foreign numbers', () => {
    expect(checkPhone('01 42 68 53 00')).toEqual({ valid: true, normalized: '+33142685300' });
    expect(checkPhone('+44 20 7946 0958')).toEqual({ valid: true, normalized: '+442079460958' });
  });

  it.each(['06 12 34', '06 12 34 56 78 90', 'abc', '', '+33 6'])('rejects %j', (v) => {
    expect(checkPhone(v).valid).toBe(false);
  });
});

describe('plates', () => {
  it('SIV in any case or spacing → AA-123-AA', () => {
    expect(checkPlate('AB-123-CD')).toEqual({ valid: true, normalized: 'AB-123-CD' });
    expect(checkPlate('ab123cd')).toEqual({ valid: true, normalized: 'AB-123-CD' });
    expect(checkPlate(' ab 123 cd ')).toEqual({ valid: true, normalized: 'AB-123-CD' });
  });

  it('old FNI format, including Corsica 2A/2B', () => {
    expect(checkPlate('1234 AB 75')).toEqual({ valid: true, normalized: '1234 AB 75' });
    expect(checkPlate('123 ABC 2A')).toEqual({ valid: true, normalized: '123 ABC 2A' });
    expect(checkPlate('12 AB 2b')).toEqual({ valid: true, normalized: '12 AB 2B' });
  });

  it.each(['AI-123-CD', 'AB-000-CD', 'AB-12-CD', 'ABC-123-D', '12345'])('rejects %s', (p) => {
    expect(checkPlate(p).valid).toBe(false);
  });
});

describe('VIN', () => {
  it('accepts 17 characters and reports the check digit', () => {
    expect(checkVin('1HGCM82633A004352')).toMatchObject({
      valid: true,
      normalized: '1HGCM82633A004352',
      checkDigitOk: true,
    });
    // European VINs do not use position 9 as a check digit: accepted anyway.
    expect(checkVin('vf1rfb00x56789012')).toMatchObject({
      valid: true,
      normalized: 'VF1RFB00X56789012',
      checkDigitOk: false,
    });
  });

  it.each(['VF1RFB00I56789012', 'VF1RFB00O56789012', 'VF1RFB00Q56789012'])('rejects I/O/Q: %s', (v) => {
    const r = checkVin(v);
    expect(r.valid).toBe(false);
    if (!r.valid) expect(r.message).toMatch(/I, O ou Q/);
  });

  it('rejects other lengths', () => {
    expect(checkVin('VF1RFB0056789').valid).toBe(false);
  });
});

describe('email and postal code', () => {
  it('email: domain lower-cased, local part kept', () => {
    expect(checkEmail('Jean.Dupont@Exemple.FR')).toEqual({ valid: true, normalized: 'Jean.Dupont@exemple.fr' });
    expect(checkEmail('pas-une-adresse').valid).toBe(false);
  });
  it('postal codes: metropolitan, Corsica, overseas', () => {
    expect(checkPostalCode('75001').valid).toBe(true);
    expect(checkPostalCode('20000').valid).toBe(true);
    expect(checkPostalCode('97400').valid).toBe(true);
    expect(checkPostalCode('00000').valid).toBe(false);
    expect(checkPostalCode('7500').valid).toBe(false);
  });
  it('validateValue dispatches by kind', () => {
    expect(validateValue('siret', '44306184100047').valid).toBe(true);
    expect(validateValue('plate', 'ab123cd')).toEqual({ valid: true, normalized: 'AB-123-CD' });
  });
});

describe('search text and tsquery', () => {
  it('normalizeText strips accents and lower-cases', () => {
    expect(normalizeText('Éloïse GÉRARD-Çelik')).toBe('eloise gerard-celik');
  });

  it('phones appear in E.164 digits and national digits', () => {
    expect(phoneSearchForms('+33612345678')).toEqual(['33612345678', '0612345678']);
    const text = buildSearchText(
      { firstName: 'Zoé', lastName: 'Lefèvre', email: 'zoe.lefevre@exemple.fr', phone: '+33612345678', city: 'Évry' },
      ['AB-123-CD'],
    );
    expect(text).toContain('zoe lefevre');
    expect(text).toContain('0612345678');
    expect(text).toContain('33612345678');
    expect(text).toContain('evry');
    expect(text).toContain('ab 123 cd');
    expect(text).toContain('ab123cd');
    expect(text).not.toMatch(/[A-ZÉ]/);
  });

  it('builds prefix tokens and strips every tsquery operator', () => {
    expect(buildSearchQuery('Dupont')).toBe("'dupont':*");
    expect(buildSearchQuery('jean  Dupont')).toBe("('jean':* & 'dupont':*)");
    for (const hostile of ["a' | b", 'x & !y', "'):* | (", 'foo<->bar', '\\', "O'Brien"]) {
      const q = buildSearchQuery(hostile);
      expect(q === null || /^[\p{L}\p{N}'():*&| ]+$/u.test(q)).toBe(true);
      // every quoted token contains only letters and digits
      for (const m of (q ?? '').matchAll(/'([^']*)'/g)) expect(m[1]).toMatch(/^[\p{L}\p{N}]+$/u);
    }
    expect(buildSearchQuery('!!! ---')).toBeNull();
    expect(buildSearchQuery('')).toBeNull();
  });

  it('phone-like input also matches joined national / international digits', () => {
    const q = buildSearchQuery('06 12')!;
    expect(q).toContain("'0612':*");
    expect(q).toContain("'33612':*");
    expect(buildSearchQuery('+33 6 12 34')).toContain("'0612':*".replace('0612', '061234'));
  });
});
