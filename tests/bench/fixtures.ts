/**
 * What the benchmarks need in the seed:large database, created once and reused: a sign-in user,
 * API tokens (created per run, revoked at the end), a customer with a 20k-entry timeline, and a
 * sample of ordinary customers that have invoices, vehicles and activities.
 */
import { inArray } from 'drizzle-orm';
import postgres from 'postgres';
import { openPostgres } from '@/db';
import { apiTokens } from '@/db/schema';
import { hashPassword } from '@/lib/auth/passwords';
import { createApiToken } from '@/lib/auth/tokens';
import { BENCH_EMAIL, BENCH_PASSWORD, info, LARGE_DB } from './common';

export const TIMELINE_EMAIL = 'bench-timeline@bench.local';
export const TIMELINE_ROWS = 20_500;

export interface Fixtures {
  /** Bearer tokens (admin): requests rotate over them so the per-token rate limit (600/min) never answers 429. */
  tokens: string[];
  tokenIds: string[];
  /** Customers with invoices, payments, vehicles and activities (rotated by the API benchmark). */
  sampleIds: string[];
  /** The customer whose pages are timed (the sample's busiest). */
  pageCustomerId: string;
  timelineCustomerId: string;
  counts: Record<string, number>;
}

export async function ensureBenchUser(sql: postgres.Sql): Promise<void> {
  const [row] = await sql`select id from users where email = ${BENCH_EMAIL}`;
  if (row) return;
  const hash = await hashPassword(BENCH_PASSWORD);
  await sql`insert into users (email, name, role, password_hash, active) values (${BENCH_EMAIL}, 'Banc d''essai', 'admin', ${hash}, true)`;
  info(`utilisateur ${BENCH_EMAIL} créé`);
}

async function ensureTimelineCustomer(sql: postgres.Sql): Promise<string> {
  const [existing] = await sql<{ id: string; n: number }[]>`
    select c.id, (select count(*)::int from customer_activity a where a.customer_id = c.id) as n
    from customers c where c.email = ${TIMELINE_EMAIL} limit 1`;
  let id = existing?.id;
  if (!id) {
    const [created] = await sql<{ id: string }[]>`
      insert into customers (kind, first_name, last_name, email, city, postal_code, sort_name, search_text, created_at)
      values ('individual', 'Chronologie', 'Banc d''essai', ${TIMELINE_EMAIL}, 'Lyon', '69001',
              'banc d''essai chronologie', 'chronologie banc d''essai ' || ${TIMELINE_EMAIL} || ' lyon', now() - interval '6 years')
      returning id`;
    id = created.id;
  }
  const have = existing?.n ?? 0;
  if (have < 20_000) {
    const types = ['call', 'email', 'note', 'visit', 'intervention', 'invoice', 'payment'];
    await sql`
      insert into customer_activity (customer_id, type, title, description, metadata, actor_kind, actor_name, occurred_at, created_at)
      select ${id}, (${types}::text[])[1 + (g % ${types.length})], 'Entrée de banc d''essai n° ' || g,
             case when g % 3 = 0 then 'Activité générée pour mesurer la pagination profonde.' end,
             jsonb_build_object('bench', true, 'n', g), 'system', 'Banc d''essai',
             now() - make_interval(mins => g * 137), now()
      from generate_series(${have + 1}::int, ${TIMELINE_ROWS}::int) g`;
    info(`client « chronologie » ${id} : ${TIMELINE_ROWS - have} activités ajoutées`);
  }
  return id;
}

/**
 * RFC 9562 shape (version 1-8, variant 10xx). seed:large builds ids with md5()::uuid, which most are
 * not; builds whose validators use z.uuid() (strict) answer 404/400 for those, so the sample avoids them.
 */
export const RFC_UUID = '^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$';

/** Deterministic sample: customers having invoices, payments and vehicles, spread over the base. */
async function sampleCustomers(sql: postgres.Sql, n: number): Promise<string[]> {
  const rows = await sql<{ id: string }[]>`
    select c.id from customers c
    where c.erased_at is null and c.status = 'active'
      and exists (select 1 from payments p where p.customer_id = c.id)
      and exists (select 1 from vehicles v where v.customer_id = c.id)
      and c.email is distinct from ${TIMELINE_EMAIL}
      and c.id::text ~ ${RFC_UUID}
    order by md5(c.id::text) limit ${n}`;
  return rows.map((r) => r.id);
}

export async function prepareFixtures(tokenCount = 40): Promise<Fixtures> {
  const sql = postgres(LARGE_DB, { max: 2, onnotice: () => {} });
  const handle = openPostgres(LARGE_DB, 2);
  try {
    const [counts] = await sql<Record<string, number>[]>`
      select (select count(*) from customers)::int customers, (select count(*) from customer_activity)::int activities,
             (select count(*) from invoices)::int invoices, (select count(*) from payments)::int payments,
             (select count(*) from customer_documents)::int documents`;
    await ensureBenchUser(sql);
    const timelineCustomerId = await ensureTimelineCustomer(sql);
    const sampleIds = await sampleCustomers(sql, 200);
    const [busiest] = await sql<{ id: string }[]>`
      select customer_id as id from customer_activity where customer_id = any(${sampleIds}::uuid[])
      group by customer_id order by count(*) desc, customer_id limit 1`;
    const created = [];
    for (let i = 0; i < tokenCount; i++)
      created.push(await createApiToken(handle.db, { name: `bench-${Date.now()}-${i}`, role: 'admin' }));
    return {
      tokens: created.map((c) => c.token),
      tokenIds: created.map((c) => c.id),
      sampleIds,
      pageCustomerId: busiest?.id ?? sampleIds[0],
      timelineCustomerId,
      counts,
    };
  } finally {
    await sql.end({ timeout: 5 });
    await handle.close();
  }
}

/** Revokes this run's tokens (they stay listed, unusable). */
export async function releaseFixtures(f: Fixtures): Promise<void> {
  if (!f.tokenIds.length) return;
  const handle = openPostgres(LARGE_DB, 1);
  try {
    await handle.db.update(apiTokens).set({ revokedAt: new Date() }).where(inArray(apiTokens.id, f.tokenIds));
  } finally {
    await handle.close();
  }
}
