/**
 * French business and vehicle identifiers. Pure functions, shared by forms, API, import and tests.
 */

const digitsOnly = (value: string) => value.replace(/[\s.\-]/g, '');

/** Luhn checksum over a string of digits. */
export function luhnValid(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

export type CheckResult = { valid: true; normalized: string } | { valid: false; message: string };

export function checkSiren(value: string): CheckResult {
  const v = digitsOnly(value);
  if (!/^\d{9}$/.test(v)) return { valid: false, message: 'Le SIREN doit comporter 9 chiffres.' };
  if (!luhnValid(v)) return { valid: false, message: 'SIREN invalide (clé de contrôle incorrecte).' };
  return { valid: true, normalized: v };
}

// La Poste's establishments share SIREN 356000000: their SIRETs do not satisfy Luhn; instead the
// sum of the 14 digits is a multiple of 5.
const LA_POSTE_SIREN = '356000000';

export function checkSiret(value: string): CheckResult {
  const v = digitsOnly(value);
  if (!/^\d{14}$/.test(v)) return { valid: false, message: 'Le SIRET doit comporter 14 chiffres.' };
  if (v.startsWith(LA_POSTE_SIREN) && v !== '35600000000048') {
    const sum = [...v].reduce((s, c) => s + Number(c), 0);
    return sum % 5 === 0
      ? { valid: true, normalized: v }
      : { valid: false, message: 'SIRET invalide (clé de contrôle incorrecte).' };
  }
  if (!luhnValid(v)) return { valid: false, message: 'SIRET invalide (clé de contrôle incorrecte).' };
  return { valid: true, normalized: v };
}

/** FR VAT: "FR" + 2-digit key + SIREN, key = (12 + 3 × (SIREN mod 97)) mod 97. */
export function checkFrVat(value: string): CheckResult {
  const v = value.replace(/[\s.\-]/g, '').toUpperCase();
  const m = /^FR([0-9A-HJ-NP-Z]{2})(\d{9})$/.exec(v);
  if (!m)
    return { valid: false, message: 'Le numéro de TVA doit avoir la forme FR + 2 caractères + SIREN (9 chiffres).' };
  const [, key, siren] = m;
  if (/^\d{2}$/.test(key)) {
    const expected = (12 + 3 * (Number(siren) % 97)) % 97;
    if (Number(key) !== expected) return { valid: false, message: 'Numéro de TVA invalide (clé incorrecte).' };
  }
  // Alphanumeric keys (new-style numbers) have no public checksum: accept the shape.
  return { valid: true, normalized: v };
}

export function vatFromSiren(siren: string): string {
  const key = (12 + 3 * (Number(siren) % 97)) % 97;
  return `FR${String(key).padStart(2, '0')}${siren}`;
}

const SIV = /^([A-HJ-NP-TV-Z]{2})-?(\d{3})-?([A-HJ-NP-TV-Z]{2})$/;
// Old FNI plates (before 2009): 1–4 digits, 1–3 letters, department (2 digits, 2A/2B, or 97x).
const FNI = /^(\d{1,4})\s?([A-Z]{1,3})\s?(\d{2}|2A|2B|97\d)$/;

/** SIV "AA-123-AA" (I, O, U excluded; SS and WW prefixes reserved) or the old FNI format. */
export function checkPlate(value: string): CheckResult {
  const v = value.trim().toUpperCase().replace(/\s+/g, ' ');
  const compact = v.replace(/[\s-]/g, '');
  const siv = SIV.exec(compact);
  if (siv) {
    const [, a, n, b] = siv;
    if (n === '000')
      return { valid: false, message: 'Immatriculation invalide : le bloc chiffré ne peut pas être 000.' };
    return { valid: true, normalized: `${a}-${n}-${b}` };
  }
  const fni = FNI.exec(v.replace(/-/g, ' '));
  if (fni) return { valid: true, normalized: `${fni[1]} ${fni[2]} ${fni[3]}` };
  return { valid: false, message: 'Immatriculation invalide (format attendu AA-123-AA).' };
}

const VIN_WEIGHTS = [8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2];
const VIN_VALUES: Record<string, number> = Object.fromEntries(
  [...'ABCDEFGHJKLMNPRSTUVWXYZ'].map((c, i) => [
    c,
    [1, 2, 3, 4, 5, 6, 7, 8, 1, 2, 3, 4, 5, 7, 9, 2, 3, 4, 5, 6, 7, 8, 9][i],
  ]),
);

/**
 * VIN: 17 characters, no I/O/Q. The position-9 check digit is mandatory in North America only,
 * so European VINs are accepted when it does not match; it is reported in `checkDigitOk`.
 */
export function checkVin(value: string): CheckResult & { checkDigitOk?: boolean } {
  const v = value.replace(/[\s-]/g, '').toUpperCase();
  if (v.length !== 17) return { valid: false, message: 'Le VIN doit comporter 17 caractères.' };
  if (/[IOQ]/.test(v)) return { valid: false, message: 'Le VIN ne peut pas contenir les lettres I, O ou Q.' };
  if (!/^[A-HJ-NPR-Z0-9]{17}$/.test(v)) return { valid: false, message: 'Le VIN contient des caractères invalides.' };
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const c = v[i];
    sum += (/\d/.test(c) ? Number(c) : VIN_VALUES[c]) * VIN_WEIGHTS[i];
  }
  const r = sum % 11;
  const check = r === 10 ? 'X' : String(r);
  return { valid: true, normalized: v, checkDigitOk: v[8] === check };
}

/** Metropolitan (01–95 incl. Corsica 20xxx) and overseas (971–976, 984–988) postal codes. */
export function checkPostalCode(value: string): CheckResult {
  const v = value.replace(/\s/g, '');
  if (!/^\d{5}$/.test(v)) return { valid: false, message: 'Le code postal doit comporter 5 chiffres.' };
  const dep = Number(v.slice(0, 2));
  if (v === '00000' || dep === 0 || (dep > 95 && !/^9[78]\d{3}$/.test(v)))
    return { valid: false, message: 'Code postal inconnu.' };
  return { valid: true, normalized: v };
}
