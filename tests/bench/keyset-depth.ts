/**
 * Keyset depth (README › Benchmarks: "page 1000 of a keyset list as fast as page 1"): page 1 versus page 1000
 * (limit 20) of the customer list (both sorts) and of a 20 500-entry timeline, through the API.
 * The cursor of page 1000 is built directly from row 19 980 with the app's own encodeCursor and
 * cursor shapes. Requests alternate page 1 / page 1000 sequentially; target: median ratio ≤ 1.2.
 */
import postgres from 'postgres';
import { encodeCursor } from '@/lib/pagination';
import { fmt, info, LARGE_DB, median, pct, record, timeGet } from './common';
import type { BenchContext } from './context';
import { RFC_UUID } from './fixtures';

const ROUNDS = Number(process.env.BENCH_KEYSET_ROUNDS ?? 200);
const TS = 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"';
const DEPTH = 999 * 20; // rows before page 1000

/**
 * The row ending page 999, or the first row after it whose id has the RFC shape (see RFC_UUID: a
 * strict cursor validator would refuse the others), so "page 1000" may start a few rows deeper.
 */
async function cursors(sql: postgres.Sql, timelineId: string) {
  const [recent] =
    await sql`select t, id from (select to_char(created_at at time zone 'UTC', ${TS}) as t, id, created_at from customers
    where erased_at is null and archived_at is null order by created_at desc nulls last, id desc nulls last offset ${DEPTH - 1} limit 200) x
    where id::text ~ ${RFC_UUID} order by created_at desc, id desc limit 1`;
  const [name] = await sql`select n, id from (select sort_name as n, id from customers
    where erased_at is null and archived_at is null order by sort_name asc, id asc offset ${DEPTH - 1} limit 200) x
    where id::text ~ ${RFC_UUID} order by n asc, id asc limit 1`;
  const [act] = await sql`select to_char(occurred_at at time zone 'UTC', ${TS}) as t, id from customer_activity
    where customer_id = ${timelineId} order by occurred_at desc nulls last, id desc nulls last offset ${DEPTH - 1} limit 1`;
  return {
    recent: encodeCursor({ s: 'recent', t: recent.t, id: recent.id }),
    name: encodeCursor({ s: 'name', n: name.n, id: name.id }),
    timeline: act ? encodeCursor({ t: act.t, id: act.id }) : null,
  };
}

async function compare(ctx: BenchContext, label: string, first: string, deep: string) {
  const app = await ctx.app();
  const tokens = ctx.fixtures.tokens;
  const headers = (i: number) => ({ authorization: `Bearer ${tokens[i % tokens.length]}` });
  const times = { first: [] as number[], deep: [] as number[] };
  // Warm-up, then alternate so drift in machine load hits both sides alike.
  for (let i = 0; i < 3; i++) {
    await timeGet(app.url + first, headers(i));
    await timeGet(app.url + deep, headers(i));
  }
  for (let i = 0; i < ROUNDS; i++) {
    const a = await timeGet(app.url + first, headers(i));
    const b = await timeGet(app.url + deep, headers(i + 1));
    if (a.status !== 200 || b.status !== 200)
      throw new Error(`${label} : HTTP ${a.status} / ${b.status} (${b.body.slice(0, 200)})`);
    if (i === 0 && (JSON.parse(b.body) as { data: unknown[] }).data.length === 0)
      throw new Error(`${label} : page 1000 vide`);
    times.first.push(a.total);
    times.deep.push(b.total);
  }
  info(
    `${label.padEnd(34)} page 1 : médiane ${fmt(median(times.first))} ms, p95 ${fmt(pct(times.first, 95))} ms — page 1000 : médiane ${fmt(median(times.deep))} ms, p95 ${fmt(pct(times.deep, 95))} ms`,
  );
  record('keyset', `${label} : page 1000 / page 1 (médianes)`, median(times.deep) / median(times.first), '×', {
    max: 1.2,
  });
}

/** The same comparison on the bare SQL (no HTTP), to tell the query from the app around it. */
async function compareSql(sql: postgres.Sql, label: string, run: (deep: boolean) => Promise<unknown>) {
  const t = { first: [] as number[], deep: [] as number[] };
  for (let i = 0; i < ROUNDS + 3; i++) {
    for (const deep of [false, true]) {
      const s = performance.now();
      await run(deep);
      if (i >= 3) (deep ? t.deep : t.first).push(performance.now() - s);
    }
  }
  info(
    `${label.padEnd(34)} SQL seule : page 1 ${fmt(median(t.first))} ms, page 1000 ${fmt(median(t.deep))} ms (médianes)`,
  );
}

export async function runKeysetDepth(ctx: BenchContext): Promise<void> {
  console.log(`\n== Profondeur keyset (page 1 contre page 1000, limit 20, ${ROUNDS} paires de requêtes séquentielles)`);
  const sql = postgres(LARGE_DB, { max: 1, onnotice: () => {} });
  try {
    const c = await cursors(sql, ctx.fixtures.timelineCustomerId);
    await compare(ctx, 'liste clients (récents)', '/api/customers', `/api/customers?cursor=${c.recent}`);
    await compare(ctx, 'liste clients (nom)', '/api/customers?sort=name', `/api/customers?sort=name&cursor=${c.name}`);
    const tl = `/api/customers/${ctx.fixtures.timelineCustomerId}/activities`;
    if (c.timeline) await compare(ctx, 'chronologie (20 500 activités)', tl, `${tl}?cursor=${c.timeline}`);

    const recent = JSON.parse(Buffer.from(c.recent, 'base64url').toString()) as { t: string; id: string };
    await compareSql(
      sql,
      'liste clients (récents)',
      (deep) =>
        sql`select c.id from customers c where c.erased_at is null and c.archived_at is null
        ${deep ? sql`and (c.created_at, c.id) < (${recent.t}::timestamptz, ${recent.id}::uuid)` : sql``}
        order by c.created_at desc nulls last, c.id desc nulls last limit 21`,
    );
    if (c.timeline) {
      const tc = JSON.parse(Buffer.from(c.timeline, 'base64url').toString()) as { t: string; id: string };
      await compareSql(
        sql,
        'chronologie',
        (deep) =>
          sql`select id from customer_activity where customer_id = ${ctx.fixtures.timelineCustomerId}
          ${deep ? sql`and (occurred_at, id) < (${tc.t}::timestamptz, ${tc.id}::uuid)` : sql``}
          order by occurred_at desc nulls last, id desc nulls last limit 21`,
      );
    }
  } finally {
    await sql.end({ timeout: 5 });
  }
}
