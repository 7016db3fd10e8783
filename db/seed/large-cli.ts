/**
 * npm run seed:large -- --customers 100000 [--activities 10] [--invoices 3] [--interventions 10] [--no-demo]
 *
 * Fills the configured database (DATABASE_URL, else the embedded PGlite in DATA_DIR) with the
 * benchmark data set. Migrations are applied first. On an empty database the demo data (and its
 * four logins) is created first, so the benchmark can sign in. With PGlite, stop the app first:
 * one process at a time may open a PGlite directory.
 */
import { count } from 'drizzle-orm';
import { z } from 'zod';
import { getDbHandle } from '@/db';
import { migrateDb } from '@/db/migrate';
import { customers, customerActivity, interventions, invoices, payments, vehicles } from '@/db/schema';
import { dataDir, env } from '@/lib/env';
import { isDatabaseEmpty, seedDemo } from './demo';
import { seedLarge } from './large';
import { CliError, parseFlags } from '@/lib/cli/args';
import { acquirePgliteLock } from '@/lib/cli/pglite-lock';
import { runCli } from '@/lib/cli/run';

const schema = z.object({
  customers: z.coerce.number().int().min(1, '--customers doit être ≥ 1').max(5_000_000).default(100_000),
  activities: z.coerce.number().min(1).max(100).default(10),
  invoices: z.coerce.number().min(1).max(20).default(3),
  // Interventions per customer in all: 10 → 1M for 100k customers (the "Ma journée" / tab benchmark size).
  interventions: z.coerce.number().min(1).max(50).default(10),
  demo: z.boolean().default(true),
});

async function main() {
  const parsed = schema.safeParse(parseFlags(process.argv.slice(2), { booleans: ['demo'] }));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new CliError(`Argument invalide --${String(issue.path[0] ?? '')} : ${issue.message}`);
  }
  const opts = parsed.data;
  const config = env();
  // PGlite: one process per directory (see pglite-lock.ts).
  if (!env().DATABASE_URL) acquirePgliteLock(dataDir(), 'npm run seed:large');
  const handle = getDbHandle();
  console.log(`Base : ${handle.driver === 'postgres' ? 'PostgreSQL (DATABASE_URL)' : `PGlite (${config.DATA_DIR})`}`);
  try {
    await migrateDb(handle);
    if (opts.demo && (await isDatabaseEmpty(handle.db))) {
      const demo = await seedDemo(handle.db, { password: config.DEMO_PASSWORD });
      console.log(
        `Données de démonstration créées : ${demo.customers} clients (connexion admin@demo.local / DEMO_PASSWORD)`,
      );
    }
    console.log(
      `Génération de ${opts.customers} clients (~${opts.activities} activités et ~${opts.invoices} factures, ~${opts.interventions} interventions par client)…`,
    );
    const r = await seedLarge(handle.db, {
      customers: opts.customers,
      activitiesPerCustomer: opts.activities,
      invoicesPerCustomer: opts.invoices,
      interventionsPerCustomer: opts.interventions,
      log: console.log,
    });
    console.log(
      `Ajoutés : ${r.customers} clients, ${r.vehicles} véhicules, ${r.invoices} factures, ${r.payments} paiements, ${r.activities} activités, ${r.interventions} interventions, ${r.tasks} tâches en ${r.seconds} s`,
    );
    const total = async (
      t:
        | typeof customers
        | typeof vehicles
        | typeof invoices
        | typeof payments
        | typeof customerActivity
        | typeof interventions,
    ) => (await handle.db.select({ n: count() }).from(t))[0].n;
    console.log(
      `Totaux : ${await total(customers)} clients, ${await total(vehicles)} véhicules, ${await total(invoices)} factures, ${await total(payments)} paiements, ${await total(customerActivity)} activités, ${await total(interventions)} interventions`,
    );
  } finally {
    await handle.close();
  }
}

runCli(main);
