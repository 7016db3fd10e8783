import { normalizeText } from '@/lib/customers/search';
import {
  CAR_MODELS,
  COMMUNES,
  COMPANY_TRADES,
  FIRST_NAMES_F,
  FIRST_NAMES_M,
  LAST_NAMES,
  PERSONAL_MAIL_DOMAINS,
  STREET_NAMES,
  STREET_TYPES,
} from './data';
import { INTERVENTION_KIND_LABELS as KIND_LABELS } from '@/lib/interventions/labels';

/**
 * SQL building blocks for the set-based benchmark seed: the reference lists of data.ts as
 * array literals, and deterministic pseudo-random numbers derived from row numbers with
 * hashtext (same expression, same value, on PostgreSQL and PGlite alike).
 */
export const lit = (s: string) => `'${s.replace(/'/g, "''")}'`;
export const textArray = (items: readonly string[]) => `(ARRAY[${items.map(lit).join(',')}]::text[])`;
export const numArray = (items: readonly number[]) => `(ARRAY[${items.join(',')}]::float8[])`;

/** Non-negative pseudo-random integer for (row expression, salt). */
export const h = (expr: string, salt: string) => `abs(hashtext(${expr} || ${lit(`:${salt}`)})::bigint)`;
/** 1-based pick from an array literal of length n. */
export const pick = (array: string, n: number, hash: string) => `(${array})[1 + (${hash}) % ${n}]`;

/** normalizeText in SQL for the characters the reference lists use (NFD accents → plain letters). */
export const norm = (expr: string) =>
  `translate(lower(${expr}), 'àâäáãçéèêëíìîïñóòôöõúùûüýÿ', 'aaaaaceeeeiiiinooooouuuuyy')`;

const names = [...FIRST_NAMES_F, ...FIRST_NAMES_M];
const companyTemplates = COMPANY_TRADES.flatMap((t) => t.names.flatMap((n) => t.forms.map((f) => `${n} ${f}`)));
// Weighted communes: each commune index repeated by its weight.
const communeSlots = COMMUNES.flatMap((c, i) => Array.from({ length: c.weight }, () => i + 1));

export const REF = {
  firstNames: textArray(names),
  firstCount: names.length,
  lastNames: textArray(LAST_NAMES),
  lastCount: LAST_NAMES.length,
  companies: textArray(companyTemplates),
  companyCount: companyTemplates.length,
  streets: textArray(STREET_TYPES.flatMap((t) => STREET_NAMES.map((n) => `${t} ${n}`))),
  streetCount: STREET_TYPES.length * STREET_NAMES.length,
  mailDomains: textArray(PERSONAL_MAIL_DOMAINS),
  mailCount: PERSONAL_MAIL_DOMAINS.length,
  communeSlots: `(ARRAY[${communeSlots.join(',')}]::int[])`,
  communeSlotCount: communeSlots.length,
  postalCodes: textArray(COMMUNES.map((c) => c.postalCode)),
  cities: textArray(COMMUNES.map((c) => c.city)),
  citiesNorm: textArray(COMMUNES.map((c) => normalizeText(c.city))),
  zones: textArray(COMMUNES.map((c) => c.zone)),
  lats: numArray(COMMUNES.map((c) => c.lat)),
  lons: numArray(COMMUNES.map((c) => c.lon)),
  makes: textArray(CAR_MODELS.map((m) => m.make)),
  models: textArray(CAR_MODELS.map((m) => m.model)),
  fuels: textArray(CAR_MODELS.map((m) => m.fuels[0])),
  wmis: textArray(CAR_MODELS.map((m) => m.wmi)),
  modelFrom: `(ARRAY[${CAR_MODELS.map((m) => Math.max(m.from, 2009)).join(',')}]::int[])`,
  modelCount: CAR_MODELS.length,
  kinds: textArray(Object.keys(KIND_LABELS)),
  kindLabels: textArray(Object.values(KIND_LABELS)),
  kindCount: Object.keys(KIND_LABELS).length,
};

/** SIV letters (no I, O, U): a 2-letter block from a hash, SS and WW avoided. */
const SIV = "'ABCDEFGHJKLMNPQRSTVWXYZ'";
const pair = (hash: string) =>
  `(select case when p in ('SS','WW') then 'TA' else p end from (select substr(${SIV}, 1 + ((${hash}) % 23)::int, 1) || substr(${SIV}, 1 + ((${hash}) / 23 % 23)::int, 1) as p) x)`;
export const plate = (a: string, b: string) =>
  `${pair(a)} || '-' || lpad((1 + (${b}) % 999)::text, 3, '0') || '-' || ${pair(b)}`;

/** French mobile in E.164 in the ranges libphonenumber accepts (06 without 639/69x, 073–079); La Réunion +262 692. */
export const mobile = (zone: string, a: string, b: string) =>
  `case when ${zone} = 'RE' then '+262692' || lpad(((${b}) % 1000000)::text, 6, '0')
    when (${a}) % 10 < 7 then '+336' || substr('0124578', 1 + ((${a}) / 10 % 7)::int, 1) || lpad(((${b}) % 10000000)::text, 7, '0')
    else '+337' || (3 + (${a}) / 10 % 7)::text || lpad(((${b}) % 10000000)::text, 7, '0') end`;

/** Landline with the regional prefix; odd third digits keep clear of 0262/0590/0594 (overseas). */
export const landline = (zone: string, a: string, b: string) =>
  `case when ${zone} = 'RE' then '+262262' || lpad(((${b}) % 1000000)::text, 6, '0')
    else '+33' || ${zone} || (1 + (${a}) % 9)::text || substr('13579', 1 + ((${a}) / 9 % 5)::int, 1) || lpad(((${b}) % 1000000)::text, 6, '0') end`;

/** Search forms of an E.164 number: digits, plus the national 0… form for +33 numbers. */
export const phoneForms = (e164: string) =>
  `case when ${e164} is null then null when ${e164} like '+33%' then substr(${e164}, 2) || ' 0' || substr(${e164}, 4) else substr(${e164}, 2) end`;

/** Creates pg_temp.luhn_key(digits): the digit that makes digits || key pass the Luhn check. */
export const LUHN_FUNCTION = `create or replace function pg_temp.luhn_key(s text) returns text language sql immutable as $$
  select ((10 - sum(case when (length(s) - p) % 2 = 0
                         then case when d * 2 > 9 then d * 2 - 9 else d * 2 end
                         else d end) % 10) % 10)::text
  from (select p, substr(s, p, 1)::int as d from generate_series(1, length(s)) p) x
$$`;
