import type { customerActivity, customerContacts, customerNotes, customers, vehicles } from '@/db/schema';
import { buildSearchText, buildSortName } from '@/lib/customers/search';
import {
  CAR_MODELS,
  COMPANY_TRADES,
  CONTACT_ROLES,
  FIRST_NAMES_F,
  FIRST_NAMES_M,
  LAST_NAMES,
  ADDRESS_LINE2,
  companyDomain,
  companyIdentifiers,
  pickCommune,
  personalEmail,
  randomLandline,
  randomMobile,
  randomPlate,
  randomVin,
  slug,
  streetAddress,
  type CompanyTrade,
  type SeedCommune,
} from './data';
import type { Rng } from './random';

/** One generated customer with its identity-level children; history is added by demo-history.ts. */
export interface CustomerDraft {
  row: typeof customers.$inferInsert & { id: string; createdAt: Date };
  commune: SeedCommune;
  trade: CompanyTrade | null;
  contacts: (typeof customerContacts.$inferInsert)[];
  vehicles: (typeof vehicles.$inferInsert & { id: string; plate: string })[];
  notes: (typeof customerNotes.$inferInsert & { id: string; createdAt: Date })[];
  /** Days between visits for this customer (the regularity the next-visit prediction learns). */
  cadenceDays: number;
  payer: 'good' | 'late' | 'bad';
  /** Visits stop here for customers who left (inactive). */
  churnedAt: Date | null;
}

export interface SeedUser {
  id: string;
  name: string;
}
export interface DemoStaff {
  admin: SeedUser;
  manager: SeedUser;
  technician: SeedUser;
  viewer: SeedUser;
}

export const DAY = 86_400_000;

export type ActivityRow = typeof customerActivity.$inferInsert;

/** A timeline row of the customer, by a demo user (or the web site when no actor). */
export const activity = (
  c: CustomerDraft,
  actor: SeedUser | null,
  type: ActivityRow['type'],
  title: string,
  occurredAt: Date,
  extra: Partial<ActivityRow> = {},
): ActivityRow => ({
  customerId: c.row.id,
  type,
  title,
  actorKind: actor ? 'user' : 'system',
  actorId: actor?.id ?? null,
  actorName: actor?.name ?? 'Site web',
  occurredAt,
  createdAt: occurredAt,
  metadata: {},
  ...extra,
});

const NOTE_BODIES = [
  "Préfère être contacté par SMS, pas d'appel avant 10 h.",
  'Véhicule de courtoisie demandé à chaque passage.',
  'Pneus hiver stockés chez nous (4 × 205/55 R16), à reposer en novembre.',
  'Paiement par virement uniquement, envoyer les factures à la comptabilité.',
  'Très satisfait de la dernière intervention, souhaite un devis pour la climatisation.',
  'Bruit au freinage signalé, à vérifier au prochain entretien.',
  "Contrat d'entretien annuel signé : deux visites par an.",
  'Utilise le véhicule le week-end : privilégier les rendez-vous du lundi.',
  "Accès au parking par l'entrée B, badge à demander à l'accueil.",
  "Devis carrosserie envoyé, en attente de l'accord de l'assurance.",
  'Rappel constructeur à effectuer sur le véhicule (campagne airbag).',
  'Client fidèle depuis plusieurs années, recommandé par un voisin.',
  'Demande que les pièces remplacées lui soient rendues.',
  'Attention : voyant moteur intermittent, diagnostic à prévoir.',
] as const;

function atWorkingHour(rng: Rng, t: number): Date {
  const d = new Date(t);
  // Weekends move to Monday; 06:00–15:00 UTC is 07:00–17:00 in Paris.
  const dow = d.getUTCDay();
  if (dow === 6) d.setUTCDate(d.getUTCDate() + 2);
  if (dow === 0) d.setUTCDate(d.getUTCDate() + 1);
  d.setUTCHours(rng.int(6, 15), rng.pick([0, 15, 30, 45]), 0, 0);
  return d;
}
export { atWorkingHour };

function companyName(rng: Rng, trade: CompanyTrade, last: string, city: string): string {
  const base = rng.pick(trade.names).replace('{last}', last).replace('{city}', city);
  return `${base} ${rng.pick(trade.forms)}`;
}

function vehicleFor(rng: Rng, kind: 'car' | 'van' | 'taxi', customerId: string, now: Date) {
  const pool = CAR_MODELS.filter((x) => x.kind === kind || (kind === 'car' && x.kind === 'taxi'));
  const model = rng.pick(pool);
  const year = rng.int(Math.max(model.from, 2009), now.getUTCFullYear() - (rng.chance(0.2) ? 0 : 1));
  const age = Math.max(now.getUTCFullYear() - year, 0) + rng.next();
  const perYear =
    kind === 'taxi' ? rng.int(45_000, 80_000) : kind === 'van' ? rng.int(20_000, 40_000) : rng.int(8_000, 18_000);
  // First registration in its model year, never in the future (drives the contrôle technique dates).
  const registered = Math.min(Date.UTC(year, 0, 1) + rng.int(0, 364) * DAY, now.getTime() - 30 * DAY);
  return {
    id: rng.uuid(),
    customerId,
    plate: randomPlate(rng),
    vin: rng.chance(0.85) ? randomVin(rng, model.wmi, year) : null,
    make: model.make,
    model: model.model,
    year,
    mileage: Math.round((age * perYear) / 100) * 100 + rng.int(0, 99),
    fuel: rng.pick(model.fuels),
    firstRegistrationDate: new Date(registered).toISOString().slice(0, 10),
  };
}

export function draftCustomer(rng: Rng, staff: DemoStaff, now: Date): CustomerDraft {
  const id = rng.uuid();
  const commune = pickCommune(rng);
  const createdAt = atWorkingHour(rng, now.getTime() - rng.int(45, 1250) * DAY);
  const isCompany = rng.chance(0.35);
  const trade = isCompany ? rng.weighted(COMPANY_TRADES, (t) => t.weight) : null;
  const female = rng.chance(0.5);
  const firstName = rng.pick(female ? FIRST_NAMES_F : FIRST_NAMES_M);
  const lastName = rng.pick(LAST_NAMES);
  const creator = rng.chance(0.6) ? staff.manager : staff.admin;

  let identity: Partial<typeof customers.$inferInsert>;
  if (trade) {
    const name = companyName(rng, trade, lastName, commune.city);
    const ids = companyIdentifiers(rng);
    identity = {
      kind: 'company',
      companyName: name,
      firstName: null,
      lastName: null,
      siret: rng.chance(0.92) ? ids.siret : null,
      vatNumber: rng.chance(0.8) ? ids.vatNumber : null,
      email: rng.chance(0.92)
        ? `${rng.pick(['contact', 'accueil', 'compta', 'direction'])}@${companyDomain(name)}`
        : null,
      phone: randomLandline(rng, commune.zone),
      mobile: rng.chance(0.4) ? randomMobile(rng, commune.zone) : null,
    };
  } else {
    identity = {
      kind: 'individual',
      firstName,
      lastName,
      companyName: null,
      email: rng.chance(0.85) ? personalEmail(rng, firstName, lastName) : null,
      phone: rng.chance(0.2) ? randomLandline(rng, commune.zone) : null,
      mobile: rng.chance(0.92) ? randomMobile(rng, commune.zone) : null,
    };
    if (!identity.email && !identity.mobile) identity.mobile = randomMobile(rng, commune.zone);
  }

  const roll = rng.next();
  const archived = roll < 0.03;
  const inactive = archived || roll < 0.12;
  const ageDays = (now.getTime() - createdAt.getTime()) / DAY;
  const churnedAt = inactive ? new Date(createdAt.getTime() + ageDays * (0.3 + 0.5 * rng.next()) * DAY) : null;
  const jitter = commune.city === 'Paris' ? 0.006 : 0.012;
  const row: CustomerDraft['row'] = {
    id,
    ...identity,
    kind: identity.kind!,
    addressLine1: streetAddress(rng),
    addressLine2: rng.chance(0.12) ? rng.pick(ADDRESS_LINE2) : null,
    postalCode: commune.postalCode,
    city: commune.city,
    country: 'FR',
    latitude: Number((commune.lat + (rng.next() - 0.5) * 2 * jitter).toFixed(6)),
    longitude: Number((commune.lon + (rng.next() - 0.5) * 2 * jitter).toFixed(6)),
    geocodePrecision: 'commune',
    geocodeSource: 'seed',
    status: inactive ? 'inactive' : 'active',
    archivedAt: archived && churnedAt ? new Date(churnedAt.getTime() + rng.int(30, 90) * DAY) : null,
    createdBy: creator.id,
    createdAt,
    updatedAt: createdAt,
  };
  if (row.archivedAt && row.archivedAt > now) row.archivedAt = new Date(now.getTime() - DAY);

  const contacts: CustomerDraft['contacts'] = [];
  if (trade) {
    const n = rng.int(0, 3);
    const domain = row.email ? row.email.split('@')[1] : companyDomain(row.companyName!);
    for (let k = 0; k < n; k++) {
      const f = rng.pick(rng.chance(0.5) ? FIRST_NAMES_F : FIRST_NAMES_M);
      const l = k === 0 ? lastName : rng.pick(LAST_NAMES);
      contacts.push({
        id: rng.uuid(),
        customerId: id,
        name: `${f} ${l}`,
        role: k === 0 ? 'Gérant' : rng.pick(CONTACT_ROLES.slice(1)),
        email: rng.chance(0.8) ? `${slug(f, '')}.${slug(l, '')}@${domain}` : null,
        phone: rng.chance(0.85) ? randomMobile(rng, commune.zone) : null,
        isPrimary: k === 0,
        createdAt: new Date(createdAt.getTime() + k * rng.int(0, 200) * DAY),
        updatedAt: createdAt,
      });
    }
  }

  const vehicleCount = trade
    ? rng.int(trade.fleet === 'car' ? 1 : 2, 3)
    : rng.weighted([1, 2, 3], (x) => [70, 25, 5][x - 1]);
  const vehicleRows = Array.from({ length: vehicleCount }, () => ({
    ...vehicleFor(rng, trade ? trade.fleet : 'car', id, now),
    createdAt,
    updatedAt: createdAt,
  }));

  const authors = [staff.manager, staff.technician, staff.admin];
  const notes: CustomerDraft['notes'] = Array.from(
    { length: rng.weighted([0, 1, 2, 3], (x) => [35, 35, 20, 10][x]) },
    () => {
      const author = rng.pick(authors);
      const at = new Date(createdAt.getTime() + rng.next() * (now.getTime() - createdAt.getTime()));
      return {
        id: rng.uuid(),
        customerId: id,
        authorId: author.id,
        authorName: author.name,
        body: rng.pick(NOTE_BODIES),
        pinned: rng.chance(0.25),
        createdAt: at,
        updatedAt: at,
      };
    },
  );

  const cadenceDays = trade && trade.fleet !== 'car' ? rng.int(90, 200) : rng.int(120, 400);
  const payer = rng.weighted(['good', 'late', 'bad'] as const, (p) => ({ good: 70, late: 20, bad: 10 })[p]);

  row.sortName = buildSortName(row);
  row.searchText = buildSearchText(row, [...vehicleRows.map((v) => v.plate), ...vehicleRows.map((v) => v.vin)]);
  return { row, commune, trade, contacts, vehicles: vehicleRows, notes, cadenceDays, payer, churnedAt };
}
