import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { mapBoolean, mapCity, mapKind, mapLegacyDate, mapLegacyRecord, mapVehicle } from '@/lib/legacy-import/map';
import { detectEncoding, parseLegacyFile } from '@/lib/legacy-import/parse';

// The fixture lives in ../shared beside the repository (in CI a copy of shared/ sits beside the clone).
const FIXTURE = path.resolve(__dirname, '../../../shared/fixtures/legacy-customers.csv');
const hasFixture = existsSync(FIXTURE);
if (!hasFixture) console.warn(`[legacy-map] fixture absent (${FIXTURE}): fixture-based tests skipped`);

describe.skipIf(!hasFixture)('legacy fixture parsing', () => {
  const buf = hasFixture ? readFileSync(FIXTURE) : Buffer.alloc(0);
  const parsed = hasFixture ? parseLegacyFile(buf, 'legacy-customers.csv') : null!;
  const byId = (id: string) => parsed.records.filter((r) => r.fields.id === id);

  it('detects Windows-1252 and reads every record, quoted multi-line notes included', () => {
    expect(parsed.encoding).toBe('windows-1252');
    expect(parsed.format).toBe('csv');
    expect(parsed.records).toHaveLength(301);
    expect(parsed.columns).toEqual([
      'id',
      'type',
      'nom',
      'prenom',
      'societe',
      'siret',
      'adresse',
      'cp',
      'ville',
      'tel',
      'email',
      'vehicules',
      'notes',
      'date_creation',
      'actif',
      'optin_mail',
    ]);
    expect(byId('1001')[0].fields.prenom).toBe('Hélène');
    expect(byId('1005')[0].fields.notes).toMatch(/^Rappeler avant intervention\r?\nportail code 1234$/);
  });

  it('gives each record the physical line where it starts', () => {
    expect(byId('1001')[0].line).toBe(2);
    expect(byId('1005')[0].line).toBe(6);
    expect(byId('1006')[0].line).toBe(8); // 1005's note spans lines 6–7
    // The exact duplicate at the end of the file keeps its own line.
    expect(byId('1044').map((r) => r.line)).toEqual([55, 367]);
    expect(byId('1044')[0].raw).toBe(byId('1044')[1].raw);
  });

  it('reads the same records from a UTF-8 copy (with BOM) and from a JSON array', () => {
    const text = iconv.decode(buf, 'win1252');
    const utf8 = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]);
    expect(detectEncoding(utf8)).toBe('utf-8');
    const again = parseLegacyFile(utf8, 'x.csv');
    expect(again.records.map((r) => r.fields)).toEqual(parsed.records.map((r) => r.fields));
    const json = parseLegacyFile(
      Buffer.from(JSON.stringify(parsed.records.slice(0, 3).map((r) => r.fields))),
      'x.json',
    );
    expect(json.format).toBe('json');
    expect(json.records.map((r) => r.fields)).toEqual(parsed.records.slice(0, 3).map((r) => r.fields));
  });

  const codes = (id: string) => {
    const m = mapLegacyRecord(byId(id)[0].fields);
    return m.ok ? [] : m.reasons.map((r) => r.code);
  };

  it('rejects the fixture’s defective rows with the right reason', () => {
    expect(codes('1036')).toContain('missing-name'); // PART with no name at all
    expect(codes('1227')).toContain('missing-name'); // PRO without company name
    expect(codes('1079')).toContain('invalid-siret'); // 12345678901234 fails Luhn
    expect(codes('1094')).toContain('invalid-phone'); // truncated "12"
    expect(codes('1108')).toContain('invalid-date'); // 31/02/2010
    expect(codes('1205')).toContain('invalid-postal-code'); // 4 digits: never padded
    expect(codes('1134')).toContain('invalid-email'); // "pas-d-email"
    const m = mapLegacyRecord(byId('1205')[0].fields);
    expect(!m.ok && m.reasons.find((r) => r.code === 'invalid-postal-code')?.message).toContain('7501');
  });

  it('maps a valid row completely: kind, phone E.164, city, vehicles, note, date, flags, opt-in', () => {
    const m = mapLegacyRecord(byId('1002')[0].fields);
    expect(m.ok).toBe(true);
    if (!m.ok) return;
    expect(m.value.customer).toMatchObject({
      kind: 'individual',
      firstName: 'Jean',
      lastName: 'Chevalier',
      phone: '+33178657975',
      mobile: null,
      postalCode: '35000',
      city: 'Rennes',
      email: 'jean.chevalier2@gmail.com',
    });
    expect(m.value.vehicles).toEqual([
      { plate: 'BH-048-VE', make: 'Citroën', model: 'C3', year: 2018 },
      { plate: 'VD-585-KV', make: 'Toyota', model: 'Yaris', year: 2010 },
      { plate: 'WW-655-GM', make: 'Renault', model: 'Clio', year: 2022 },
    ]);
    expect(m.value.note).toBe('Client fidèle; préfère le samedi');
    expect(m.value.status).toBe('active'); // "O"
    expect(m.value.marketingEmailOptIn).toBe(false); // empty
    expect(m.value.createdAt?.toISOString()).toBe('2000-04-22T22:00:00.000Z'); // 23/04/2000 00:00 Paris (CEST)
    const mobile = mapLegacyRecord(byId('1032')[0].fields);
    expect(mobile.ok && mobile.value.customer.mobile).toBe('+33612500905'); // "+33 (0)612500905"
    expect(mobile.ok && mobile.value.note).toBe('Rappeler avant intervention\nportail code 1234');
    expect(mobile.ok && mobile.value.status).toBe('inactive'); // "0"
  });

  it('accepts overseas (974xx) and Corsican (20xxx) postal codes', () => {
    for (const id of ['1004', '1015']) {
      const m = mapLegacyRecord(byId(id)[0].fields);
      expect(m.ok ? [] : m.reasons.map((r) => r.code)).not.toContain('invalid-postal-code');
    }
  });
});

describe('mapping rules', () => {
  it('kind from PRO/PART/particulier/P, never guessed', () => {
    expect(mapKind('PRO')).toBe('company');
    expect(mapKind('PART')).toBe('individual');
    expect(mapKind('particulier')).toBe('individual');
    expect(mapKind('P')).toBe('individual');
    expect(mapKind('')).toBeNull();
    expect(mapKind('X')).toBeNull();
    const m = mapLegacyRecord({
      id: '9',
      type: 'X',
      nom: 'A',
      email: 'a@b.fr',
      date_creation: '',
      actif: '',
      optin_mail: '',
    });
    expect(!m.ok && m.reasons.map((r) => r.code)).toEqual(['unknown-kind']);
  });

  it('booleans 1/0/oui/non/O/N, anything else unreadable', () => {
    for (const v of ['1', 'oui', 'O', 'o', 'OUI']) expect(mapBoolean(v, false)).toBe(true);
    for (const v of ['0', 'non', 'N']) expect(mapBoolean(v, true)).toBe(false);
    expect(mapBoolean('', true)).toBe(true);
    expect(mapBoolean('peut-être', true)).toBeUndefined();
  });

  it('dates dd/mm/yyyy at midnight Paris; impossible dates are undefined, empty is null', () => {
    expect(mapLegacyDate('14/01/2016')?.toISOString()).toBe('2016-01-13T23:00:00.000Z');
    expect(mapLegacyDate('31/02/2010')).toBeUndefined();
    expect(mapLegacyDate('2010-02-01')).toBeUndefined();
    expect(mapLegacyDate('')).toBeNull();
  });

  it('vehicles in SIV with spaces, dashes or none, and old FNI plates', () => {
    expect(mapVehicle('CD525PF Citroën C3 2009')).toEqual({
      plate: 'CD-525-PF',
      make: 'Citroën',
      model: 'C3',
      year: 2009,
    });
    expect(mapVehicle('1234 AB 75 Renault 4L 1985')).toEqual({
      plate: '1234 AB 75',
      make: 'Renault',
      model: '4L',
      year: 1985,
    });
    expect(mapVehicle('ZZZ Renault')).toHaveProperty('error');
    const m = mapLegacyRecord({
      id: '9',
      type: 'P',
      nom: 'A',
      tel: '0612345678',
      vehicules: 'AB-123-CD Renault Clio 2019|??',
      date_creation: '',
      actif: '',
      optin_mail: '',
    });
    expect(!m.ok && m.reasons.map((r) => r.code)).toEqual(['invalid-vehicle']);
  });

  it('city case normalised without touching spelling', () => {
    expect(mapCity('SAINT-DENIS')).toBe('Saint-Denis');
    expect(mapCity('marseille')).toBe('Marseille');
  });

  it('optin_mail=1 becomes a marketing opt-in; a row with no contact at all is rejected', () => {
    const ok = mapLegacyRecord({
      id: '9',
      type: 'PART',
      nom: 'Durand',
      tel: '06 12 34 56 78',
      optin_mail: '1',
      date_creation: '',
      actif: '',
    });
    expect(ok.ok && ok.value.marketingEmailOptIn).toBe(true);
    const none = mapLegacyRecord({
      id: '9',
      type: 'PART',
      nom: 'Durand',
      date_creation: '',
      actif: '',
      optin_mail: '',
    });
    expect(!none.ok && none.reasons.map((r) => r.code)).toEqual(['missing-contact']);
  });
});
