import { describe, expect, it } from 'vitest';
import { checkPhone } from '@/lib/validation/contact';
import {
  checkFrVat,
  checkPlate,
  checkPostalCode,
  checkSiren,
  checkSiret,
  checkVin,
} from '@/lib/validation/identifiers';
import {
  CAR_MODELS,
  COMMUNES,
  companyIdentifiers,
  luhnKey,
  personalEmail,
  randomLandline,
  randomMobile,
  randomPlate,
  randomVin,
} from '@/db/seed/data';
import { createRng } from '@/db/seed/random';
import { checkEmail } from '@/lib/validation/contact';

const N = 1000;

describe('seed generators', () => {
  const rng = createRng(20240601);

  it('computes the Luhn key of known SIRENs', () => {
    // 732829320 (a real SIREN) and 552100554 (another one).
    expect(luhnKey('73282932')).toBe(0);
    expect(luhnKey('55210055')).toBe(4);
  });

  it('produces valid SIREN, SIRET and matching FR VAT numbers', () => {
    for (let i = 0; i < N; i++) {
      const { siren, siret, vatNumber } = companyIdentifiers(rng);
      expect(checkSiren(siren).valid, siren).toBe(true);
      expect(checkSiret(siret).valid, siret).toBe(true);
      expect(siret.startsWith(siren)).toBe(true);
      expect(checkFrVat(vatNumber)).toEqual({ valid: true, normalized: vatNumber });
      expect(vatNumber.endsWith(siren)).toBe(true);
    }
  });

  it('produces SIV plates without I/O/U, without SS, numbers 001–999', () => {
    for (let i = 0; i < N; i++) {
      const plate = randomPlate(rng);
      expect(plate).toMatch(/^[A-HJ-NP-TV-Z]{2}-\d{3}-[A-HJ-NP-TV-Z]{2}$/);
      expect(checkPlate(plate)).toEqual({ valid: true, normalized: plate });
      expect(plate.slice(3, 6)).not.toBe('000');
      expect(plate.startsWith('SS') || plate.endsWith('SS')).toBe(false);
    }
  });

  it('produces 17-character VINs without I/O/Q and with a correct check digit', () => {
    for (let i = 0; i < N; i++) {
      const model = rng.pick(CAR_MODELS);
      const vin = randomVin(rng, model.wmi, rng.int(model.from, 2025));
      const result = checkVin(vin);
      expect(result.valid, vin).toBe(true);
      expect(result.checkDigitOk, vin).toBe(true);
      expect(vin.startsWith(model.wmi)).toBe(true);
    }
  });

  it('produces E.164 mobiles and landlines that libphonenumber accepts', () => {
    for (let i = 0; i < N; i++) {
      const commune = rng.pick(COMMUNES);
      const mobile = randomMobile(rng, commune.zone);
      const landline = randomLandline(rng, commune.zone);
      expect(checkPhone(mobile), mobile).toEqual({ valid: true, normalized: mobile });
      expect(checkPhone(landline), landline).toEqual({ valid: true, normalized: landline });
      if (commune.zone !== 'RE') expect(mobile).toMatch(/^\+33[67]\d{8}$/);
    }
  });

  it('builds valid emails from accented names', () => {
    for (let i = 0; i < N; i++) {
      const email = personalEmail(
        rng,
        rng.pick(['Élodie', 'Anaïs', 'Jérôme', 'François']),
        rng.pick(['Lefèvre', 'Le Gall', 'Da Silva', 'Noël']),
      );
      expect(checkEmail(email).valid, email).toBe(true);
      expect(email).toMatch(/^[a-z0-9.]+@[a-z]+\.example$/);
    }
  });

  it('lists real communes with valid postal codes and plausible coordinates', () => {
    expect(COMMUNES.length).toBeGreaterThanOrEqual(80);
    for (const c of COMMUNES) {
      expect(checkPostalCode(c.postalCode).valid, c.postalCode).toBe(true);
      if (c.postalCode.startsWith('974')) expect(c.lat).toBeLessThan(-20);
      else if (c.postalCode.startsWith('20')) expect(c.lon).toBeGreaterThan(8.5);
      else {
        expect(c.lat).toBeGreaterThan(41);
        expect(c.lat).toBeLessThan(51.2);
        expect(c.lon).toBeGreaterThan(-5.2);
        expect(c.lon).toBeLessThan(8.3);
      }
    }
    expect(COMMUNES.find((c) => c.postalCode === '20000')?.city).toBe('Ajaccio');
    expect(COMMUNES.find((c) => c.postalCode === '20200')?.city).toBe('Bastia');
    expect(COMMUNES.find((c) => c.postalCode === '97400')?.city).toBe('Saint-Denis');
  });

  it('is deterministic for a given seed', () => {
    const a = createRng(7);
    const b = createRng(7);
    expect(Array.from({ length: 20 }, () => randomPlate(a))).toEqual(Array.from({ length: 20 }, () => randomPlate(b)));
  });
});
