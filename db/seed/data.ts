import { vatFromSiren } from '@/lib/validation/identifiers';
import type { Fuel } from '@/db/schema/customers';
import { COMMUNES, type SeedCommune } from './communes';
import type { Rng } from './random';

/**
 * Realistic French reference data and identifier generators shared by the demo and benchmark
 * seeds. Every identifier is generated valid (Luhn keys, SIV alphabet, libphonenumber ranges) so
 * the data passes the same validation as user input.
 */
export { COMMUNES, type SeedCommune };

export const FIRST_NAMES_F = [
  'Camille',
  'Léa',
  'Manon',
  'Chloé',
  'Emma',
  'Inès',
  'Sarah',
  'Julie',
  'Laura',
  'Marie',
  'Pauline',
  'Céline',
  'Nathalie',
  'Isabelle',
  'Sandrine',
  'Valérie',
  'Sophie',
  'Aurélie',
  'Élodie',
  'Mélanie',
  'Anaïs',
  'Claire',
  'Hélène',
  'Margaux',
  'Lucie',
  'Océane',
  'Nadia',
  'Fatima',
  'Amandine',
  'Brigitte',
  'Monique',
  'Françoise',
] as const;
export const FIRST_NAMES_M = [
  'Thomas',
  'Nicolas',
  'Julien',
  'Maxime',
  'Alexandre',
  'Antoine',
  'Kevin',
  'Romain',
  'Sébastien',
  'Guillaume',
  'Pierre',
  'Mathieu',
  'Jérôme',
  'Frédéric',
  'Laurent',
  'Stéphane',
  'Olivier',
  'Christophe',
  'David',
  'Éric',
  'Philippe',
  'Patrick',
  'Hugo',
  'Lucas',
  'Théo',
  'Louis',
  'Mehdi',
  'Karim',
  'Yannick',
  'Gaël',
  'François',
  'Benoît',
] as const;
export const LAST_NAMES = [
  'Martin',
  'Bernard',
  'Thomas',
  'Petit',
  'Robert',
  'Richard',
  'Durand',
  'Dubois',
  'Moreau',
  'Laurent',
  'Simon',
  'Michel',
  'Lefèvre',
  'Leroy',
  'Roux',
  'David',
  'Bertrand',
  'Morel',
  'Fournier',
  'Girard',
  'Bonnet',
  'Dupont',
  'Lambert',
  'Fontaine',
  'Rousseau',
  'Vincent',
  'Muller',
  'Lefebvre',
  'Faure',
  'André',
  'Mercier',
  'Blanc',
  'Guérin',
  'Boyer',
  'Garnier',
  'Chevalier',
  'François',
  'Legrand',
  'Gauthier',
  'Garcia',
  'Perrin',
  'Robin',
  'Clément',
  'Morin',
  'Nicolas',
  'Henry',
  'Roussel',
  'Mathieu',
  'Gautier',
  'Masson',
  'Marchand',
  'Duval',
  'Denis',
  'Dumont',
  'Marie',
  'Lemaire',
  'Noël',
  'Meyer',
  'Dufour',
  'Meunier',
  'Brun',
  'Blanchard',
  'Giraud',
  'Joly',
  'Rivière',
  'Lucas',
  'Brunet',
  'Gaillard',
  'Barbier',
  'Arnaud',
  'Martinez',
  'Gérard',
  'Roche',
  'Renard',
  'Schmitt',
  'Roy',
  'Leroux',
  'Colin',
  'Vidal',
  'Caron',
  'Picard',
  'Le Gall',
  'Le Goff',
  'Benali',
  'Haddad',
  'Nguyen',
  'Da Silva',
  'Ferreira',
  'Santini',
  'Paoli',
  'Hoarau',
  'Payet',
  'Grondin',
] as const;

export const STREET_TYPES = [
  'rue',
  'rue',
  'rue',
  'avenue',
  'boulevard',
  'place',
  'chemin',
  'impasse',
  'allée',
  'route',
] as const;
export const STREET_NAMES = [
  'de la République',
  'Victor Hugo',
  'Jean Jaurès',
  'du Général de Gaulle',
  'Pasteur',
  'des Lilas',
  'de la Gare',
  'du Moulin',
  "de l'Église",
  'Gambetta',
  'Émile Zola',
  'Voltaire',
  'Jules Ferry',
  'du Maréchal Foch',
  'de Verdun',
  'des Écoles',
  'du Stade',
  'de la Mairie',
  'de la Liberté',
  'Carnot',
  'de Paris',
  'des Tilleuls',
  'du Château',
  'Anatole France',
  'Paul Bert',
  'Jean Moulin',
  'de la Paix',
  'des Acacias',
  'du 8 Mai 1945',
  'Louis Pasteur',
  'de Strasbourg',
  'Nationale',
  'des Peupliers',
  'Saint-Martin',
  'de Bretagne',
  'Aristide Briand',
] as const;
export const ADDRESS_LINE2 = [
  'Bâtiment B',
  'Appartement 12',
  'Résidence Les Pins',
  'ZA des Portes',
  'ZI Nord',
  '2e étage',
  'BP 42',
] as const;

/** Company patterns: how the name is built, its trade, and what it drives. */
export const COMPANY_TRADES = [
  {
    trade: 'garage',
    names: ['Garage {last}', 'Garage du Centre', 'Auto Services {city}', 'Garage {last} & Fils'],
    forms: ['SARL', 'SAS', 'EURL'],
    fleet: 'car',
    weight: 3,
  },
  {
    trade: 'transport',
    names: ['Transports {last}', '{last} Logistique', 'TRL {city}', 'Transports Express {city}'],
    forms: ['SAS', 'SARL', 'SA'],
    fleet: 'van',
    weight: 3,
  },
  {
    trade: 'taxi',
    names: ['Taxi {last}', 'Taxis {city}', 'Allo Taxi {city}'],
    forms: ['EURL', 'SASU', 'SARL'],
    fleet: 'taxi',
    weight: 2,
  },
  {
    trade: 'ambulance',
    names: ['Ambulances {last}', 'Ambulances {city} Secours', 'Ambulances du Littoral'],
    forms: ['SARL', 'SAS'],
    fleet: 'van',
    weight: 2,
  },
  {
    trade: 'plumber',
    names: ['{last} Plomberie', 'Plomberie Chauffage {last}'],
    forms: ['EURL', 'SARL', 'SASU'],
    fleet: 'van',
    weight: 2,
  },
  {
    trade: 'electrician',
    names: ['{last} Électricité', 'Élec {city}'],
    forms: ['EURL', 'SASU'],
    fleet: 'van',
    weight: 2,
  },
  {
    trade: 'builder',
    names: ['{last} Bâtiment', 'BTP {last}', 'Maçonnerie {last}'],
    forms: ['SARL', 'SAS'],
    fleet: 'van',
    weight: 2,
  },
  {
    trade: 'carpenter',
    names: ['Menuiserie {last}', 'Charpente {last}'],
    forms: ['SARL', 'EURL'],
    fleet: 'van',
    weight: 1,
  },
  {
    trade: 'bakery',
    names: ['Boulangerie {last}', 'Au Bon Pain {city}'],
    forms: ['SARL', 'EURL'],
    fleet: 'van',
    weight: 1,
  },
  {
    trade: 'florist',
    names: ['Fleurs {last}', "L'Atelier Floral {city}"],
    forms: ['EURL', 'SASU'],
    fleet: 'car',
    weight: 1,
  },
  {
    trade: 'landscaper',
    names: ['Paysages {last}', 'Jardins de {city}'],
    forms: ['SARL', 'SAS'],
    fleet: 'van',
    weight: 1,
  },
  { trade: 'rental', names: ['Loc Auto {city}', '{last} Location'], forms: ['SAS', 'SA'], fleet: 'car', weight: 1 },
] as const;
export type CompanyTrade = (typeof COMPANY_TRADES)[number];

export const CONTACT_ROLES = [
  'Gérant',
  'Responsable flotte',
  'Comptable',
  'Secrétariat',
  "Chef d'atelier",
  'Directrice administrative',
] as const;

export interface CarModel {
  make: string;
  model: string;
  kind: 'car' | 'van' | 'taxi';
  fuels: readonly Fuel[];
  from: number;
  /** World Manufacturer Identifier: the first three VIN characters. */
  wmi: string;
}
const m = (
  make: string,
  model: string,
  kind: CarModel['kind'],
  fuels: readonly Fuel[],
  from: number,
  wmi: string,
): CarModel => ({
  make,
  model,
  kind,
  fuels,
  from,
  wmi,
});
export const CAR_MODELS: readonly CarModel[] = [
  m('Renault', 'Clio', 'car', ['petrol', 'diesel', 'hybrid'], 2008, 'VF1'),
  m('Renault', 'Mégane', 'car', ['petrol', 'diesel'], 2008, 'VF1'),
  m('Renault', 'Captur', 'car', ['petrol', 'hybrid'], 2013, 'VF1'),
  m('Renault', 'Twingo', 'car', ['petrol', 'electric'], 2008, 'VF1'),
  m('Renault', 'Zoé', 'car', ['electric'], 2013, 'VF1'),
  m('Renault', 'Kangoo', 'van', ['diesel', 'electric'], 2008, 'VF1'),
  m('Renault', 'Trafic', 'van', ['diesel'], 2008, 'VF1'),
  m('Renault', 'Master', 'van', ['diesel'], 2010, 'VF1'),
  m('Peugeot', '208', 'car', ['petrol', 'diesel', 'electric'], 2012, 'VF3'),
  m('Peugeot', '308', 'car', ['petrol', 'diesel', 'hybrid'], 2008, 'VF3'),
  m('Peugeot', '2008', 'car', ['petrol', 'diesel'], 2013, 'VR3'),
  m('Peugeot', '3008', 'car', ['petrol', 'diesel', 'hybrid'], 2009, 'VF3'),
  m('Peugeot', '5008', 'taxi', ['diesel', 'hybrid'], 2010, 'VF3'),
  m('Peugeot', 'Partner', 'van', ['diesel'], 2008, 'VF3'),
  m('Peugeot', 'Expert', 'van', ['diesel'], 2008, 'VF3'),
  m('Peugeot', 'Boxer', 'van', ['diesel'], 2008, 'VF3'),
  m('Citroën', 'C3', 'car', ['petrol', 'diesel'], 2008, 'VF7'),
  m('Citroën', 'C4', 'car', ['petrol', 'diesel', 'electric'], 2010, 'VF7'),
  m('Citroën', 'C5 Aircross', 'taxi', ['diesel', 'hybrid'], 2018, 'VR7'),
  m('Citroën', 'Berlingo', 'van', ['diesel', 'electric'], 2008, 'VF7'),
  m('Citroën', 'Jumpy', 'van', ['diesel'], 2008, 'VF7'),
  m('Citroën', 'Jumper', 'van', ['diesel'], 2008, 'VF7'),
  m('Dacia', 'Sandero', 'car', ['petrol', 'lpg'], 2008, 'UU1'),
  m('Dacia', 'Duster', 'car', ['petrol', 'diesel', 'lpg'], 2010, 'UU1'),
  m('Dacia', 'Spring', 'car', ['electric'], 2021, 'UU1'),
  m('Dacia', 'Jogger', 'car', ['petrol', 'hybrid'], 2022, 'UU1'),
  m('Volkswagen', 'Golf', 'car', ['petrol', 'diesel'], 2008, 'WVW'),
  m('Volkswagen', 'Polo', 'car', ['petrol'], 2008, 'WVW'),
  m('Volkswagen', 'T-Roc', 'car', ['petrol', 'diesel'], 2017, 'WVG'),
  m('Volkswagen', 'Transporter', 'van', ['diesel'], 2008, 'WV1'),
  m('Volkswagen', 'Caddy', 'van', ['diesel'], 2008, 'WV1'),
  m('Toyota', 'Yaris', 'car', ['hybrid', 'petrol'], 2008, 'VNK'),
  m('Toyota', 'Corolla', 'taxi', ['hybrid'], 2019, 'SB1'),
  m('Toyota', 'C-HR', 'taxi', ['hybrid'], 2016, 'NMT'),
  m('Toyota', 'RAV4', 'car', ['hybrid'], 2013, 'JTM'),
  m('Tesla', 'Model 3', 'taxi', ['electric'], 2019, '5YJ'),
  m('Tesla', 'Model Y', 'car', ['electric'], 2021, 'XP7'),
  m('Skoda', 'Octavia', 'taxi', ['diesel', 'petrol'], 2008, 'TMB'),
  m('Ford', 'Fiesta', 'car', ['petrol'], 2008, 'WF0'),
  m('Ford', 'Transit', 'van', ['diesel'], 2008, 'WF0'),
  m('Mercedes-Benz', 'Classe A', 'car', ['petrol', 'diesel'], 2012, 'WDD'),
  m('Mercedes-Benz', 'Classe E', 'taxi', ['diesel', 'hybrid'], 2009, 'WDD'),
  m('Mercedes-Benz', 'Sprinter', 'van', ['diesel'], 2008, 'WDB'),
  m('Mercedes-Benz', 'Vito', 'van', ['diesel'], 2008, 'WDF'),
  m('Opel', 'Corsa', 'car', ['petrol', 'electric'], 2008, 'W0L'),
  m('Fiat', '500', 'car', ['petrol', 'hybrid'], 2008, 'ZFA'),
  m('Fiat', 'Ducato', 'van', ['diesel'], 2008, 'ZFA'),
];

export const TAG_DEFINITIONS = [
  { name: 'Pro', color: '#2563eb' },
  { name: 'Flotte', color: '#7c3aed' },
  { name: 'VIP', color: '#d97706' },
  { name: 'Contrat entretien', color: '#059669' },
  { name: 'Relance', color: '#dc2626' },
  { name: 'Garage partenaire', color: '#0891b2' },
  { name: 'Nouveau client', color: '#65a30d' },
  { name: 'Parrainage', color: '#db2777' },
] as const;

// Reserved example domains (RFC 2606 style) keep the demo from ever mailing a real inbox when
// SMTP_URL is configured, while still reading like the usual French providers.
export const PERSONAL_MAIL_DOMAINS = [
  'orange.example',
  'free.example',
  'gmail.example',
  'laposte.example',
  'sfr.example',
  'wanadoo.example',
  'hotmail.example',
] as const;

// ---------------------------------------------------------------------------------------------
// Text helpers

/** "Émile d'Hérouville" → "emile-dherouville": for email local parts and domains. */
export function slug(value: string, sep = '-'): string {
  return value
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/['’]/g, '')
    .replace(/&/g, ' ')
    .replace(/[^a-z0-9]+/g, sep)
    .replace(new RegExp(`^\\${sep}+|\\${sep}+$`, 'g'), '');
}

export function pickCommune(rng: Rng): SeedCommune {
  return rng.weighted(COMMUNES, (x) => x.weight);
}

export function streetAddress(rng: Rng): string {
  const n = rng.chance(0.15) ? `${rng.int(1, 120)} bis` : String(rng.int(1, 180));
  return `${n} ${rng.pick(STREET_TYPES)} ${rng.pick(STREET_NAMES)}`;
}

// ---------------------------------------------------------------------------------------------
// Identifiers

const digits = (rng: Rng, n: number) => Array.from({ length: n }, () => rng.int(0, 9)).join('');

/** The digit that makes `base + key` pass the Luhn check. */
export function luhnKey(base: string): number {
  let sum = 0;
  for (let i = 0; i < base.length; i++) {
    // Counted from the right of the final number, where the key is position 0 (not doubled).
    let d = base.charCodeAt(base.length - 1 - i) - 48;
    if (i % 2 === 0) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return (10 - (sum % 10)) % 10;
}

export function randomSiren(rng: Rng): string {
  let base = '';
  // Leading zero SIRENs exist but look odd; 356000000 (La Poste) follows another rule.
  do base = String(rng.int(1, 9)) + digits(rng, 7);
  while (base.startsWith('35600000'));
  return base + luhnKey(base);
}

export function randomSiret(rng: Rng, siren = randomSiren(rng)): string {
  // Head office NICs are usually 00010, 00012…: 4 digits + key.
  const nicBase = rng.chance(0.7) ? `000${rng.int(1, 4)}` : `00${rng.int(10, 99)}`;
  const base = siren + nicBase;
  return base + luhnKey(base);
}

export function companyIdentifiers(rng: Rng): { siren: string; siret: string; vatNumber: string } {
  const siren = randomSiren(rng);
  return { siren, siret: randomSiret(rng, siren), vatNumber: vatFromSiren(siren) };
}

/** SIV letters: I, O and U are never used. */
export const SIV_LETTERS = 'ABCDEFGHJKLMNPQRSTVWXYZ';

function plateLetters(rng: Rng): string {
  let pair: string;
  // SS (reminiscent of the Nazi SS) and WW (temporary plates) are not issued as normal blocks.
  do pair = rng.pick([...SIV_LETTERS]) + rng.pick([...SIV_LETTERS]);
  while (pair === 'SS' || pair === 'WW');
  return pair;
}

/** SIV plate "AB-123-CD": number 001–999. */
export function randomPlate(rng: Rng): string {
  return `${plateLetters(rng)}-${String(rng.int(1, 999)).padStart(3, '0')}-${plateLetters(rng)}`;
}

const VIN_CHARS = 'ABCDEFGHJKLMNPRSTUVWXYZ0123456789';
const VIN_WEIGHTS = [8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2];
const VIN_TRANSLIT: Record<string, number> = Object.fromEntries(
  [...'ABCDEFGHJKLMNPRSTUVWXYZ'].map((ch, i) => [
    ch,
    [1, 2, 3, 4, 5, 6, 7, 8, 1, 2, 3, 4, 5, 7, 9, 2, 3, 4, 5, 6, 7, 8, 9][i],
  ]),
);
// Model-year code (position 10) for 2001–2030.
const YEAR_CODES = '123456789ABCDEFGHJKLMNPRSTVWXY';

/** 17 characters without I/O/Q, with the real WMI of the make and a correct position-9 check digit. */
export function randomVin(rng: Rng, wmi: string, year: number): string {
  const vds = Array.from({ length: 5 }, () => rng.pick([...VIN_CHARS])).join('');
  const yearCode = YEAR_CODES[Math.min(Math.max(year - 2001, 0), YEAR_CODES.length - 1)];
  const serial = rng.pick([...'ABCDEFGHJKLMNPRSTUVWXYZ']) + digits(rng, 6);
  const chars = [...`${wmi}${vds}0${yearCode}${serial}`];
  const sum = chars.reduce((s, ch, i) => s + (/\d/.test(ch) ? Number(ch) : VIN_TRANSLIT[ch]) * VIN_WEIGHTS[i], 0);
  chars[8] = sum % 11 === 10 ? 'X' : String(sum % 11);
  return chars.join('');
}

/**
 * Mobile in E.164: +336 / +337 ranges that libphonenumber knows as mobile. La Réunion: +262 692
 * (693 is only partly allocated: +262 693 28… is refused by libphonenumber).
 */
export function randomMobile(rng: Rng, zone: SeedCommune['zone'] = '1'): string {
  if (zone === 'RE') return `+262692${digits(rng, 6)}`;
  if (rng.chance(0.7)) {
    let p: string;
    do p = `6${rng.int(0, 8)}${rng.int(0, 9)}`;
    while (p === '639');
    return `+33${p}${digits(rng, 6)}`;
  }
  return `+337${rng.int(3, 9)}${digits(rng, 7)}`;
}

/** Landline in E.164 with the commune's regional prefix (01…05). */
export function randomLandline(rng: Rng, zone: SeedCommune['zone']): string {
  if (zone === 'RE') return `+262262${digits(rng, 6)}`;
  let p: string;
  do p = `${zone}${rng.int(1, 9)}${rng.int(0, 9)}`;
  while (['262', '590', '594'].includes(p) || p.startsWith('40'));
  return `+33${p}${digits(rng, 6)}`;
}

/** National form "0612345678" of a French E.164 number (for notes and search). */
export function nationalDigits(e164: string): string {
  return e164.startsWith('+33') ? `0${e164.slice(3)}` : e164.replace(/^\+/, '');
}

export function personalEmail(rng: Rng, first: string, last: string): string {
  const f = slug(first, '');
  const l = slug(last, '');
  const local = rng.pick([`${f}.${l}`, `${f}.${l}`, `${f[0]}${l}`, `${f}${l}${rng.int(1, 99)}`, `${l}.${f}`]);
  return `${local}@${rng.pick(PERSONAL_MAIL_DOMAINS)}`;
}

export function companyDomain(companyName: string): string {
  return `${slug(companyName).slice(0, 40)}.example`;
}
