import { describe, expect, it } from 'vitest';
import { checkEmail, checkPhone } from '@/lib/validation';

// Cases from the legacy export (../shared/fixtures): real-world values that must be accepted.
describe('real-world contact values', () => {
  it('accepts internationalised e-mail addresses and lower-cases only the domain', () => {
    expect(checkEmail('hélène.faure1@Gmail.com')).toEqual({ valid: true, normalized: 'hélène.faure1@gmail.com' });
    expect(checkEmail('zoé.ndiaye9@wanadoo.fr').valid).toBe(true);
    expect(checkEmail('pas-d-email').valid).toBe(false);
    expect(checkEmail('a@b').valid).toBe(false);
  });

  it('accepts well-formed French numbers whatever the operator allocation, refuses truncated ones', () => {
    expect(checkPhone('0708301661')).toEqual({ valid: true, normalized: '+33708301661' });
    expect(checkPhone('+33 (0)407290222')).toEqual({ valid: true, normalized: '+33407290222' });
    expect(checkPhone('12').valid).toBe(false);
    expect(checkPhone('06 12 34').valid).toBe(false);
    expect(checkPhone('06 12 34 56 78 90').valid).toBe(false);
  });
});
