/**
 * Run by tests/bench/search.ts (see worker.ts): the global search (lib/search/queries.ts, the function
 * behind GET /api/search and the top-bar dialog) on the seed:large database, as an admin (all four
 * groups, invoices included: the most work). The typed texts are drawn from the data the way people
 * search: a last name, its first 3 letters, first + last name, an e-mail start, a mobile fragment in
 * French spacing, a city, a customer number, a SIRET start, a plate with and without dashes, a VIN
 * fragment, an invoice number, a contact's name. Target: p95 ≤ 100 ms (issue 18). Also prints the
 * plan of the broadest customer search and of each trigram group.
 */
import { sql } from 'drizzle-orm';
import { openPostgres } from '@/db';
import type { Actor } from '@/lib/auth/actor';
import { globalSearch } from '@/lib/search/queries';
import { fmt, info, LARGE_DB, median, pct } from './common';
import { figure, finishWorker, printPlan, rowsOf, timeIt } from './worker';

const ROUNDS = Number(process.env.BENCH_SEARCH_ROUNDS ?? 300);
const ADMIN: Pick<Actor, 'role'> = { role: 'admin' };

interface Sample {
  last_name: string | null;
  first_name: string | null;
  email: string | null;
  mobile: string | null;
  city: string | null;
  number: string;
  siret: string | null;
  plate: string | null;
  vin: string | null;
  invoice: string | null;
  contact: string | null;
}

/** "+33612345678" → "06 12 34" (the first three pairs, as typed). */
const frenchFragment = (e164: string) =>
  `0${e164.slice(3)}`
    .slice(0, 6)
    .replace(/(\d\d)(?=\d)/g, '$1 ')
    .trim();

function queriesOf(s: Sample): [string, string][] {
  const out: [string, string][] = [];
  const add = (kind: string, q: string | null | undefined) => q && out.push([kind, q]);
  add('nom', s.last_name);
  add('3 lettres du nom', s.last_name?.slice(0, 3));
  add('prénom + nom', s.first_name && s.last_name && `${s.first_name} ${s.last_name}`);
  add('début d’e-mail', s.email?.split('@')[0]);
  add('fragment de mobile', s.mobile?.startsWith('+33') ? frenchFragment(s.mobile) : null);
  add('ville', s.city);
  add('numéro client', s.number);
  add('début de SIRET', s.siret?.slice(0, 9));
  add('plaque', s.plate);
  add('plaque sans tirets', s.plate?.replace(/[-\s]/g, '').toLowerCase());
  add('fragment de VIN', s.vin?.slice(0, 8));
  add('numéro de facture', s.invoice);
  add('nom de contact', s.contact);
  return out;
}

async function main(): Promise<void> {
  const handle = openPostgres(LARGE_DB, 4);
  const db = handle.db;
  try {
    const [size] = rowsOf<{ customers: number; contacts: number; vehicles: number; invoices: number }>(
      await db.execute(sql`select (select count(*) from customers)::int as customers,
        (select count(*) from customer_contacts)::int as contacts, (select count(*) from vehicles)::int as vehicles,
        (select count(*) from invoices)::int as invoices`),
    );
    info(`${size.customers} clients, ${size.contacts} contacts, ${size.vehicles} véhicules, ${size.invoices} factures`);
    if (size.customers < 90_000) info('moins de 100k clients : lancer `npm run seed:large` pour la taille cible');

    // A fixed spread of customers over the base (md5 order), with one vehicle, invoice and contact each.
    const samples = rowsOf<Sample>(
      await db.execute(sql`select c.last_name, c.first_name, c.email, c.mobile, c.city, c.number, c.siret,
          (select plate from vehicles v where v.customer_id = c.id and plate is not null limit 1) as plate,
          (select vin from vehicles v where v.customer_id = c.id and vin is not null limit 1) as vin,
          (select number from invoices i where i.customer_id = c.id limit 1) as invoice,
          (select name from customer_contacts k where k.customer_id = c.id limit 1) as contact
        from customers c where c.erased_at is null order by md5(c.id::text) limit 40`),
    );
    const queries = samples.flatMap(queriesOf);
    info(
      `${queries.length} textes de recherche (${samples.length} clients × ${new Set(queries.map((q) => q[0])).size} sortes)`,
    );

    const byKind = new Map<string, number[]>();
    const times = await timeIt(ROUNDS, async (i) => {
      const [kind, q] = queries[i % queries.length];
      const t = performance.now();
      await globalSearch(db, { q, viewer: ADMIN, limit: 5 });
      byKind.set(kind, [...(byKind.get(kind) ?? []), performance.now() - t]);
    });
    figure('Recherche globale : p95 (4 groupes, admin)', pct(times, 95), 'ms', {
      max: 100,
      note: `médiane ${fmt(median(times))} ms ; ${ROUNDS} recherches séquentielles`,
    });
    const worst = [...byKind].map(([kind, t]) => [kind, pct(t, 95)] as const).sort((a, b) => b[1] - a[1]);
    info(`p95 par sorte : ${worst.map(([k, v]) => `${k} ${fmt(v)} ms`).join(' ; ')}`);
    const broad =
      samples
        .find((s) => s.last_name)
        ?.last_name?.slice(0, 3)
        .toLowerCase() ?? 'mar';
    await printPlan(
      db,
      `Clients « ${broad} » (le plus large)`,
      sql`select id from customers where erased_at is null and (search_vector @@ to_tsquery('simple', ${`'${broad}':*`})
        or number ilike ${`%${broad.toUpperCase()}%`}) order by number = ${broad} desc, sort_name, id limit 5`,
    );
    const plate = samples.find((s) => s.plate)?.plate?.replace(/[-\s]/g, '') ?? 'AB123';
    await printPlan(
      db,
      `Véhicules « ${plate} »`,
      sql`select id from vehicles where replace(replace(plate, '-', ''), ' ', '') like ${`%${plate}%`}
        or vin like ${`%${plate}%`} order by plate, id limit 5`,
    );
    await printPlan(
      db,
      'Factures « 2024-00012 »',
      sql`select id from invoices where number ilike '%2024-00012%' order by issued_at desc, id desc limit 5`,
    );
  } finally {
    await handle.close();
  }
}

finishWorker(main);
