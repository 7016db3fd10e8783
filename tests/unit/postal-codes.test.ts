import { describe, expect, it } from 'vitest';
import { haversineKm } from '@/lib/geo/haversine';
import { communesForPostalCode, findCommune, searchPostalCodes } from '@/lib/geo/postal-codes';
import { normalizedAddress } from '@/lib/geo/cache-key';
import { geocodeOffline, parseAddressText } from '@/lib/geo/geocode';
import { normalizePlace } from '@/lib/geo/normalize';

const PARIS = { lat: 48.8534, lon: 2.3488 };

describe('searchPostalCodes', () => {
  it('finds communes by postal code prefix, sorted by code', () => {
    const results = searchPostalCodes('6900', 20);
    expect(results.length).toBeGreaterThanOrEqual(9);
    expect(results.every((r) => r.postalCode.startsWith('6900'))).toBe(true);
    expect(results[0]).toMatchObject({ postalCode: '69001', city: 'Lyon', inseeCode: '69381' });
    const codes = results.map((r) => r.postalCode);
    expect([...codes].sort()).toEqual(codes);
  });

  it('finds communes by name, accent- and case-insensitively, exact name first', () => {
    for (const q of ['saint-etienne', 'Saint-Étienne', 'SAINT ETIENNE', 'st etienne']) {
      const results = searchPostalCodes(q, 5);
      expect(results[0], q).toMatchObject({ city: 'Saint-Étienne', inseeCode: '42218' });
      expect(results.map((r) => r.postalCode)).toContain('42000');
    }
    // Prefix of the name: longer names follow the exact match.
    const prefix = searchPostalCodes('saint-eti', 20);
    expect(prefix.some((r) => r.city === 'Saint-Étienne-de-Tinée')).toBe(true);
    expect(prefix.every((r) => normalizePlace(r.city).startsWith('saint eti'))).toBe(true);
  });

  it('combines a department and a name', () => {
    const results = searchPostalCodes('69 lyon', 3);
    expect(results.map((r) => r.city)).toEqual(['Lyon', 'Lyon', 'Lyon']);
  });

  it('covers Corsica and overseas departments', () => {
    const ajaccio = searchPostalCodes('20000');
    expect(ajaccio[0]).toMatchObject({ city: 'Ajaccio', inseeCode: '2A004' });
    expect(
      haversineKm({ lat: ajaccio[0].latitude, lon: ajaccio[0].longitude }, { lat: 41.9192, lon: 8.7386 }),
    ).toBeLessThan(3);

    const reunion = searchPostalCodes('97400');
    expect(reunion[0]).toMatchObject({ city: 'Saint-Denis', inseeCode: '97411' });
    expect(reunion[0].latitude).toBeCloseTo(-20.88, 1);
    expect(reunion[0].longitude).toBeCloseTo(55.45, 1);

    // Mayotte carries its INSEE code in another GeoNames column: still resolved.
    expect(communesForPostalCode('97600').map((c) => c.city)).toContain('Mamoudzou');
  });

  it('files Paris arrondissements under Paris with the coordinates of Paris', () => {
    const [r] = searchPostalCodes('75011');
    expect(r).toMatchObject({ postalCode: '75011', city: 'Paris', inseeCode: '75111' });
    expect(haversineKm({ lat: r.latitude, lon: r.longitude }, PARIS)).toBeLessThan(1);
    const lyon = findCommune('69003', 'Lyon 3e Arrondissement');
    expect(lyon?.inseeCode).toBe('69383');
    expect(haversineKm({ lat: lyon!.latitude, lon: lyon!.longitude }, { lat: 45.76, lon: 4.84 })).toBeLessThan(3);
  });

  it('gives every commune coordinates in France (fallbacks: same postal code, then prefecture)', () => {
    // Lecci has no GeoNames row: it borrows Ajaccio (same postal code 20000 in the data).
    const lecci = communesForPostalCode('20000').find((c) => c.city === 'Lecci');
    expect(lecci).toBeDefined();
    expect(Number.isFinite(lecci!.latitude)).toBe(true);
    for (const cp of ['01000', '29200', '59000', '97100', '97200', '97300', '97500', '13001']) {
      const list = communesForPostalCode(cp);
      expect(list.length, cp).toBeGreaterThan(0);
      for (const c of list) {
        expect(Number.isFinite(c.latitude) && Number.isFinite(c.longitude), `${cp} ${c.city}`).toBe(true);
      }
    }
  });

  it('limits results and ignores too-short or unknown queries', () => {
    expect(searchPostalCodes('saint', 7)).toHaveLength(7);
    expect(searchPostalCodes('a')).toEqual([]);
    expect(searchPostalCodes('zzzzqqq')).toEqual([]);
    expect(searchPostalCodes('99999')).toEqual([]);
  });
});

describe('findCommune / offline geocoding', () => {
  it('matches the city among the communes of a postal code', () => {
    expect(findCommune('20000', 'Lecci')?.inseeCode).toBe('2A139');
    expect(findCommune('20000', 'AJACCIO')?.inseeCode).toBe('2A004');
    expect(findCommune('42000', 'St-Étienne')?.inseeCode).toBe('42218');
  });

  it('falls back to the city name for an unknown (CEDEX) postal code', () => {
    expect(findCommune('69998', 'Lyon Cedex 03')?.city).toBe('Lyon');
    expect(findCommune(null, 'Ajaccio')?.inseeCode).toBe('2A004');
    expect(findCommune('99999', null)).toBeNull();
  });

  it('geocodes offline at commune precision', () => {
    const r = geocodeOffline({ line1: '1 place Bellecour', postalCode: '69002', city: 'Lyon' });
    expect(r).toMatchObject({ precision: 'commune', source: 'offline', label: 'Lyon (69002)' });
    expect(geocodeOffline({ postalCode: '00000', city: 'Nulle-Part-Sur-Mer' })).toBeNull();
  });

  it('normalises cache keys and parses free-text addresses', () => {
    // The key is a keyed hash of this text (tests/integration/erasure-tombstone.test.ts).
    expect(normalizedAddress({ line1: '12, Rue de la RÉPUBLIQUE', postalCode: '69002', city: 'lyon' })).toBe(
      normalizedAddress({ line1: '12 rue de la republique', postalCode: ' 69002', city: 'LYON ' }),
    );
    expect(parseAddressText('12 rue de la République, 69002 Lyon')).toEqual({
      line1: '12 rue de la République',
      postalCode: '69002',
      city: 'Lyon',
    });
    expect(parseAddressText('Ajaccio')).toEqual({ city: 'Ajaccio' });
  });
});
