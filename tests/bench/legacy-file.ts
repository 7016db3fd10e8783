/**
 * A large legacy export in the format of ../shared/fixtures/legacy-customers.csv (see its README):
 * Windows-1252, `;`, CRLF, dd/mm/yyyy dates, booleans as 1/0/oui/non/O/N, types PRO/PART/
 * particulier/P, phones in every French spelling, vehicles packed with `|`, notes with `;`, quotes
 * and line breaks. Deterministic (seeded), French data, with the fixture's defects at a steady rate:
 * one defect per defective row, exact duplicate lines, and customers repeated with the e-mail in
 * another case. Identifiers (phone, e-mail, SIRET) are unique by construction, so the expected
 * outcome is known exactly and returned with the file.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import iconv from 'iconv-lite';
import {
  ACTIVE,
  CARS,
  CITIES,
  COMPANIES,
  DOMAINS,
  FIRST,
  HEADER,
  LAST,
  NOTES,
  OPTIN,
  PLATE_LETTERS,
  STREETS,
} from './legacy-file-data';

export type Defect =
  'invalid-email' | 'invalid-siret' | 'invalid-postal-code' | 'missing-name' | 'invalid-date' | 'invalid-phone';
const DEFECTS: Defect[] = [
  'invalid-email',
  'invalid-siret',
  'invalid-postal-code',
  'missing-name',
  'invalid-date',
  'invalid-phone',
];

export interface LegacyFileExpectation {
  read: number;
  imported: number;
  rejected: number;
  rejectedByReason: Partial<Record<Defect, number>>;
  skippedByReason: { 'duplicate-line': number };
  /**
   * Rows repeating an earlier customer: skipped as 'duplicate-in-file' when the earlier row is in
   * the same batch, as 'duplicate-customer' once an earlier batch has written it.
   */
  skippedSameCustomer: number;
}

export interface GeneratedLegacyFile {
  file: string;
  bytes: number;
  expected: LegacyFileExpectation;
}

/** mulberry32: small, fast, deterministic. */
function rng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number) => Math.floor(next() * n);
  return { next, int, pick: <T>(xs: readonly T[]) => xs[int(xs.length)] };
}

const emailPart = (s: string) => s.toLowerCase().replace(/[\s'-]/g, '');
const pad = (n: number, w: number) => String(n).padStart(w, '0');

function luhnKey(body: string): string {
  for (let key = 0; key < 10; key++) {
    const digits = body + key;
    let sum = 0;
    for (let i = 0; i < digits.length; i++) {
      let d = Number(digits[digits.length - 1 - i]);
      if (i % 2 === 1) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
      sum += d;
    }
    if (sum % 10 === 0) return digits;
  }
  throw new Error('unreachable');
}

/** Eight digits unique per row (48271 is prime to 10^8: a bijection on 0..10^8-1). */
const uniqueDigits = (i: number) => pad((i * 48271 + 13_579_246) % 100_000_000, 8);

function phone(i: number, r: ReturnType<typeof rng>): string {
  const prefix = r.pick(['01', '02', '03', '04', '05', '06', '06', '07']);
  const d = uniqueDigits(i);
  // 07 numbers are mobiles only from 073 upwards.
  const national = prefix === '07' ? `07${3 + (Number(d[0]) % 7)}${d.slice(1)}` : `${prefix}${d}`;
  const pairs = national.match(/../g)!;
  switch (r.int(5)) {
    case 0:
      return national;
    case 1:
      return pairs.join(' ');
    case 2:
      return pairs.join('.');
    case 3:
      return `+33${national.slice(1)}`;
    default:
      return `+33 (0)${national.slice(1)}`;
  }
}

function plate(r: ReturnType<typeof rng>): string {
  if (r.int(20) === 0)
    return `${1 + r.int(9999)} ${PLATE_LETTERS[r.int(23)]}${PLATE_LETTERS[r.int(23)]} ${pad(1 + r.int(95), 2)}`;
  const a = PLATE_LETTERS[r.int(23)] + PLATE_LETTERS[r.int(23)];
  const b = PLATE_LETTERS[r.int(23)] + PLATE_LETTERS[r.int(23)];
  const n = pad(1 + r.int(999), 3);
  return r.pick([`${a}-${n}-${b}`, `${a} ${n} ${b}`, `${a}${n}${b}`]);
}

function csvField(v: string): string {
  return /[";\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

type Fields = Record<
  | 'id'
  | 'type'
  | 'nom'
  | 'prenom'
  | 'societe'
  | 'siret'
  | 'adresse'
  | 'cp'
  | 'ville'
  | 'tel'
  | 'email'
  | 'vehicules'
  | 'notes'
  | 'date_creation'
  | 'actif'
  | 'optin_mail',
  string
>;

const toLine = (f: Fields) =>
  [
    f.id,
    f.type,
    f.nom,
    f.prenom,
    f.societe,
    f.siret,
    f.adresse,
    f.cp,
    f.ville,
    f.tel,
    f.email,
    f.vehicules,
    f.notes,
    f.date_creation,
    f.actif,
    f.optin_mail,
  ]
    .map(csvField)
    .join(';');

function customer(i: number, r: ReturnType<typeof rng>): Fields {
  const company = r.int(4) === 0;
  const first = r.pick(FIRST);
  const last = r.pick(LAST);
  const [cp, city] = r.pick(CITIES);
  const vehicles = Array.from(
    { length: r.pick([0, 1, 1, 1, 2, 3]) },
    () => `${plate(r)} ${r.pick(CARS)} ${1990 + r.int(35)}`,
  );
  return {
    id: String(100_001 + i),
    type: company ? r.pick(['PRO', 'PRO', 'PRO', 'Professionnel']) : r.pick(['P', 'PART', 'particulier']),
    nom: company && r.int(3) === 0 ? '' : last,
    prenom: company ? '' : first,
    societe: company ? `${r.pick(COMPANIES)}${r.int(2) ? '' : ` ${city}`}` : '',
    siret: company && r.int(5) ? luhnKey(pad(100_000_000 + i * 7, 13)) : '',
    adresse: `${1 + r.int(180)} ${r.pick(STREETS)}`,
    cp,
    ville: r.pick([city, city.toUpperCase(), city.toLowerCase()]),
    tel: phone(i, r),
    email: `${emailPart(first)}.${emailPart(last)}${i}@${r.pick(DOMAINS)}`,
    vehicules: vehicles.join('|'),
    notes: r.pick(NOTES),
    date_creation: `${pad(1 + r.int(28), 2)}/${pad(1 + r.int(12), 2)}/${1995 + r.int(30)}`,
    actif: r.pick(ACTIVE),
    optin_mail: r.pick(OPTIN),
  };
}

function withDefect(f: Fields, defect: Defect): Fields {
  switch (defect) {
    case 'invalid-email':
      return { ...f, email: 'pas-d-email' };
    case 'invalid-siret':
      return { ...f, type: 'PRO', societe: f.societe || 'Garage du Centre', prenom: '', siret: '12345678901234' };
    case 'invalid-postal-code':
      return { ...f, cp: '7501' };
    case 'missing-name':
      return { ...f, type: 'PART', nom: '', societe: '', siret: '', prenom: f.prenom || 'Jean' };
    case 'invalid-date':
      return { ...f, date_creation: '31/02/2010' };
    case 'invalid-phone':
      return { ...f, tel: '12' };
  }
}

/** Writes `rows` records (duplicates included) to `dir`; about 1.8 % defective, 0.4 % duplicates. */
export function generateLegacyFile(dir: string, rows: number, seed = 360): GeneratedLegacyFile {
  const r = rng(seed);
  const lines: string[] = [HEADER];
  const valid: Fields[] = []; // rows that will be imported: safe targets for duplicates
  const expected: LegacyFileExpectation = {
    read: rows,
    imported: 0,
    rejected: 0,
    rejectedByReason: {},
    skippedByReason: { 'duplicate-line': 0 },
    skippedSameCustomer: 0,
  };
  for (let i = 0; i < rows; i++) {
    const roll = r.int(1000);
    if (roll < 2 && valid.length) {
      // The old system's exact duplicate line.
      lines.push(toLine(valid[valid.length - 1 - r.int(Math.min(valid.length, 500))]));
      expected.skippedByReason['duplicate-line']++;
    } else if (roll < 4 && valid.length) {
      // The same customer entered twice: new id, new phone, the e-mail in another case.
      const earlier = valid[r.int(valid.length)];
      const again = customer(i, r);
      lines.push(
        toLine({ ...earlier, id: again.id, tel: again.tel, notes: again.notes, email: earlier.email.toUpperCase() }),
      );
      expected.skippedSameCustomer++;
    } else if (roll < 22) {
      const defect = DEFECTS[roll % DEFECTS.length];
      lines.push(toLine(withDefect(customer(i, r), defect)));
      expected.rejected++;
      expected.rejectedByReason[defect] = (expected.rejectedByReason[defect] ?? 0) + 1;
    } else {
      const f = customer(i, r);
      lines.push(toLine(f));
      valid.push(f);
      expected.imported++;
    }
  }
  const buffer = iconv.encode(`${lines.join('\r\n')}\r\n`, 'win1252');
  const file = path.join(dir, `legacy-customers-${rows}.csv`);
  writeFileSync(file, buffer);
  return { file, bytes: buffer.length, expected };
}
