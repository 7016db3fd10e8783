import type { CustomerKind, CustomerStatus } from '@/db/schema/customers';
import { customerCreateSchema, customerRuleIssues, type CustomerCreateInput } from '@/lib/customers/schema';
import { checkPhone, checkPlate, validateValue, type ValidationKind } from '@/lib/validation';

/**
 * One legacy record → what the CRM will store, or the reasons it cannot be stored. Every rule is
 * explicit: a value that does not validate is a reason, never a silent guess (a 4-digit postal code
 * is not padded, a truncated phone is not completed, an unknown customer type is not inferred).
 * The customer itself is validated by `customerCreateSchema`, the very schema behind the forms.
 */
import type { RejectCode } from './labels';
import { mapLastVisit } from './last-visit';

export { REJECT_LABELS, type RejectCode } from './labels';

export interface RejectReason {
  code: RejectCode;
  field: string;
  message: string;
}

export interface MappedVehicle {
  plate: string;
  make: string | null;
  model: string | null;
  year: number | null;
}

export interface MappedCustomer {
  legacyId: string;
  customer: CustomerCreateInput;
  status: CustomerStatus;
  createdAt: Date | null;
  vehicles: MappedVehicle[];
  note: string | null;
  marketingEmailOptIn: boolean;
  /** From an optional last-visit column (lib/legacy-import/last-visit.ts). */
  lastVisitAt: Date | null;
}

export type MapResult = { ok: true; value: MappedCustomer } | { ok: false; reasons: RejectReason[] };

const norm = (v: string | undefined) => (v ?? '').trim();
const key = (v: string) =>
  v
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .trim();

const KINDS: Record<string, CustomerKind> = {
  pro: 'company',
  professionnel: 'company',
  entreprise: 'company',
  societe: 'company',
  e: 'company',
  part: 'individual',
  particulier: 'individual',
  p: 'individual',
  i: 'individual',
};

export function mapKind(value: string): CustomerKind | null {
  return KINDS[key(value)] ?? null;
}

const TRUE = new Set(['1', 'oui', 'o', 'true', 'vrai', 'yes', 'y']);
const FALSE = new Set(['0', 'non', 'n', 'false', 'faux', 'no']);

/** 1/0/oui/non/O/N (any case). Empty → `empty`; anything else → undefined (unreadable). */
export function mapBoolean(value: string, empty: boolean): boolean | undefined {
  const v = key(value);
  if (!v) return empty;
  if (TRUE.has(v)) return true;
  if (FALSE.has(v)) return false;
  return undefined;
}

// One formatter for the process: building one per row cost ~60 µs and native (ICU) memory that the
// GC does not see, 2.5 GB of RSS over a 100k-row file.
const parisHour = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Paris', hour: '2-digit', hourCycle: 'h23' });

/** dd/mm/yyyy → midnight Europe/Paris as a Date; null when empty; undefined when impossible. */
export function mapLegacyDate(value: string): Date | null | undefined {
  const v = value.trim();
  if (!v) return null;
  const m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(v);
  if (!m) return undefined;
  const [d, mo, y] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const utc = new Date(Date.UTC(y, mo - 1, d));
  if (utc.getUTCFullYear() !== y || utc.getUTCMonth() !== mo - 1 || utc.getUTCDate() !== d) return undefined;
  if (y < 1900 || utc.getTime() > Date.now()) return undefined;
  // Paris is UTC+1 or +2: compute the offset at that day so "14/01/2016" stays 14/01 in fr-FR.
  const parisNoon = new Date(Date.UTC(y, mo - 1, d, 12));
  const hourInParis = Number(parisHour.format(parisNoon));
  return new Date(Date.UTC(y, mo - 1, d) - (hourInParis - 12) * 3_600_000);
}

/** "BH 048 VE Citroën C3 2018" / "CD525PF Citroën C3 2009" / "1234 AB 75 Renault 4L 1985". */
export function mapVehicle(text: string): MappedVehicle | { error: string } {
  const tokens = text.trim().split(/\s+/).filter(Boolean);
  if (!tokens.length) return { error: 'Véhicule vide.' };
  let plate: string | null = null;
  let rest: string[] = [];
  for (const n of [3, 1, 2]) {
    if (tokens.length < n) continue;
    const res = checkPlate(tokens.slice(0, n).join(' '));
    if (res.valid) {
      plate = res.normalized;
      rest = tokens.slice(n);
      break;
    }
  }
  if (!plate) return { error: `Immatriculation illisible dans « ${text.trim()} ».` };
  let year: number | null = null;
  if (rest.length && /^\d{4}$/.test(rest[rest.length - 1])) {
    year = Number(rest.pop());
    if (year < 1900 || year > new Date().getFullYear() + 1)
      return { error: `Année impossible dans « ${text.trim()} ».` };
  }
  const [make, ...model] = rest;
  return { plate, make: make ?? null, model: model.length ? model.join(' ') : null, year };
}

/** "SAINT-DENIS" / "marseille" → "Saint-Denis" / "Marseille" (case only; spelling untouched). */
export function mapCity(value: string): string | null {
  const v = value.trim();
  if (!v) return null;
  return v
    .toLocaleLowerCase('fr-FR')
    .replace(/(^|[\s\-'’])(\p{L})/gu, (_, sep: string, c: string) => sep + c.toLocaleUpperCase('fr-FR'));
}

const FIELD_CODES: Record<string, RejectCode> = {
  siret: 'invalid-siret',
  vatNumber: 'invalid-vat',
  postalCode: 'invalid-postal-code',
  phone: 'invalid-phone',
  mobile: 'invalid-phone',
  email: 'invalid-email',
  companyName: 'missing-name',
  lastName: 'missing-name',
  kind: 'unknown-kind',
};

/** The check behind each checked field, to report its own French message (not zod's union message). */
const FIELD_CHECK: Record<string, ValidationKind> = {
  siret: 'siret',
  vatNumber: 'vat',
  postalCode: 'postalCode',
  phone: 'phone',
  mobile: 'phone',
  email: 'email',
};

const LEGACY_FIELD: Record<string, string> = {
  siret: 'siret',
  vatNumber: 'tva',
  postalCode: 'cp',
  phone: 'tel',
  mobile: 'tel',
  email: 'email',
  companyName: 'societe',
  lastName: 'nom',
  firstName: 'prenom',
  kind: 'type',
  city: 'ville',
  addressLine1: 'adresse',
};

export function mapLegacyRecord(fields: Record<string, string>): MapResult {
  const f = (name: string) => norm(fields[name]);
  const reasons: RejectReason[] = [];
  const legacyId = f('id');
  if (!legacyId) reasons.push({ code: 'missing-id', field: 'id', message: 'Identifiant manquant.' });

  const kind = mapKind(f('type'));
  if (!kind)
    reasons.push({ code: 'unknown-kind', field: 'type', message: `Type de client inconnu : « ${f('type')} ».` });

  // Mobile numbers (06/07) go to `mobile`, others to `phone`; an invalid one is left to the schema to reject.
  const tel = f('tel');
  const phoneCheck = tel ? checkPhone(tel) : null;
  const isMobile = phoneCheck?.valid && /^\+33[67]/.test(phoneCheck.normalized);

  const input = {
    kind: kind ?? 'individual',
    firstName: f('prenom') || null,
    lastName: f('nom') || null,
    companyName: f('societe') || null,
    siret: f('siret') || null,
    vatNumber: f('tva') || null,
    email: f('email') || null,
    phone: tel && !isMobile ? tel : null,
    mobile: tel && isMobile ? tel : null,
    addressLine1: f('adresse') || null,
    addressLine2: f('adresse2') || null,
    postalCode: f('cp') || null,
    city: mapCity(f('ville')),
    country: 'FR',
  };
  const parsed = customerCreateSchema.safeParse(input);
  if (!parsed.success) {
    const present = (v: string | null) => (v ? 'x' : null);
    const rules = customerRuleIssues({
      ...input,
      email: present(input.email),
      phone: present(input.phone),
      mobile: present(input.mobile),
    });
    for (const issue of parsed.error.issues) {
      const field = String(issue.path[0] ?? '_');
      if (field === 'kind' && !kind) continue; // already reported
      if (rules.some((r) => r.message === issue.message)) continue; // reported below with its own code
      const legacyField = LEGACY_FIELD[field] ?? field;
      const value = norm(fields[legacyField]);
      const check = FIELD_CHECK[field] && value ? validateValue(FIELD_CHECK[field], value) : null;
      const message = check && !check.valid ? check.message : issue.message;
      reasons.push({
        code: FIELD_CODES[field] ?? 'invalid-field',
        field: legacyField,
        message: value ? `${message} (« ${value} »)` : message,
      });
    }
    // zod skips the cross-field rules (superRefine) when a field is invalid: apply them too, so a
    // row missing its name AND carrying a bad email reports both.
    for (const rule of rules) {
      if (rule.path === 'email') reasons.push({ code: 'missing-contact', field: 'email', message: rule.message });
      else reasons.push({ code: 'missing-name', field: LEGACY_FIELD[rule.path] ?? rule.path, message: rule.message });
    }
  }

  const createdAt = mapLegacyDate(f('date_creation'));
  if (createdAt === undefined)
    reasons.push({
      code: 'invalid-date',
      field: 'date_creation',
      message: `Date impossible : « ${f('date_creation')} ».`,
    });

  const active = mapBoolean(f('actif'), true);
  if (active === undefined)
    reasons.push({ code: 'invalid-active-flag', field: 'actif', message: `Valeur illisible : « ${f('actif')} ».` });
  const optin = mapBoolean(f('optin_mail'), false);
  if (optin === undefined)
    reasons.push({ code: 'invalid-optin', field: 'optin_mail', message: `Valeur illisible : « ${f('optin_mail')} ».` });

  const lastVisit = mapLastVisit(fields, mapLegacyDate);
  if ('reason' in lastVisit) reasons.push(lastVisit.reason);

  const vehicles: MappedVehicle[] = [];
  for (const part of f('vehicules')
    .split('|')
    .map((s) => s.trim())
    .filter(Boolean)) {
    const v = mapVehicle(part);
    if ('error' in v) reasons.push({ code: 'invalid-vehicle', field: 'vehicules', message: v.error });
    else vehicles.push(v);
  }

  // One rejected field is enough; the same code twice (phone and mobile) is reported once.
  const unique = reasons.filter((r, i) => reasons.findIndex((o) => o.code === r.code && o.message === r.message) === i);
  if (unique.length || !parsed.success) return { ok: false, reasons: unique };
  const note = f('notes').replace(/\r\n/g, '\n');
  return {
    ok: true,
    value: {
      legacyId,
      customer: parsed.data,
      status: active ? 'active' : 'inactive',
      createdAt: createdAt ?? null,
      vehicles,
      note: note || null,
      marketingEmailOptIn: optin === true,
      lastVisitAt: 'lastVisitAt' in lastVisit ? lastVisit.lastVisitAt : null,
    },
  };
}
