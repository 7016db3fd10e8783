/**
 * The baseline of the API benchmark: a plain Node HTTP server that runs, through postgres.js, the
 * same SQL as the app's endpoints (hand-written from lib/{customers,activity,documents,finances,
 * analytics}/queries.ts, same statements, same order of awaits and Promise.all) and answers the
 * rows as JSON. No auth, no zod, no Next: what is left is the database and JSON.
 *
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/c360_large npx tsx tests/bench/raw-sql-server.ts 3210
 *
 * Routes: /customers[?cursor=], /customers/:id, /customers/:id/activities[?cursor=],
 * /customers/:id/documents, /customers/:id/finances, /customers/:id/analytics, /health.
 * Base-wide RFM: like the app, it reads the materialized view customer_rfm and the rfm_snapshots row
 * (refreshed by the app or by `npm run bench -- rfm`).
 */
import http from 'node:http';
import postgres from 'postgres';

const url = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/c360_large';
const port = Number(process.argv[2] ?? 3210);
// Same pool size as the app (db/index.ts openPostgres default).
const sql = postgres(url, { max: 10, onnotice: () => {}, connection: { application_name: 'c360-bench-raw' } });
const PARIS = 'Europe/Paris';
const WINDOW = 24;
const ROLES = ['admin', 'manager', 'technician', 'viewer'];
const TS = 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"';

type Cursor = Record<string, string>;
const decode = (c: string | null): Cursor | null =>
  c ? (JSON.parse(Buffer.from(c, 'base64url').toString('utf8')) as Cursor) : null;
const encode = (v: unknown) => Buffer.from(JSON.stringify(v), 'utf8').toString('base64url');

async function listCustomers(cursorText: string | null) {
  const cursor = decode(cursorText);
  const rows = await sql`
    select c.*, to_char(c.created_at at time zone 'UTC', ${TS}) as created_at_text,
      (select count(*)::int from vehicles v where v.customer_id = c.id) as vehicle_count
    from customers c
    where c.erased_at is null and c.archived_at is null
      ${cursor ? sql`and (c.created_at, c.id) < (${cursor.t}::timestamptz, ${cursor.id}::uuid)` : sql``}
    order by c.created_at desc nulls last, c.id desc nulls last
    limit 21`;
  const page = rows.slice(0, 20);
  const tags = await tagsOf(page.map((r) => r.id as string));
  return {
    data: page.map((r) => ({ ...r, tags: tags.filter((t) => t.customer_id === r.id) })),
    nextCursor: rows.length > 20 ? encode({ s: 'recent', t: page[19].created_at_text, id: page[19].id }) : null,
  };
}

function tagsOf(ids: string[]) {
  if (!ids.length) return Promise.resolve([] as postgres.Row[]);
  return sql`select ct.customer_id, t.id, t.name, t.color from customer_tags ct join tags t on t.id = ct.tag_id
    where ct.customer_id in ${sql(ids)} order by t.name asc`;
}

async function getCustomer(id: string) {
  const [row] = await sql`select * from customers where id = ${id} limit 1`;
  if (!row) return null;
  const [contacts, vehicles, tags] = await Promise.all([
    sql`select * from customer_contacts where customer_id = ${id} order by is_primary desc, created_at asc, id asc`,
    sql`select * from vehicles where customer_id = ${id} order by created_at asc, id asc`,
    tagsOf([id]),
  ]);
  return { ...row, contacts, vehicles, tags };
}

async function exists(id: string) {
  const [row] = await sql`select id, erased_at from customers where id = ${id} limit 1`;
  return !!row;
}

async function listActivities(id: string, cursorText: string | null) {
  const cursor = decode(cursorText);
  if (!(await exists(id))) return null;
  const [rows, stats] = await Promise.all([
    sql`select *, to_char(occurred_at at time zone 'UTC', ${TS}) as cursor_t from customer_activity
      where customer_id = ${id}
        ${cursor ? sql`and (occurred_at, id) < (${cursor.t}::timestamptz, ${cursor.id}::uuid)` : sql``}
      order by occurred_at desc nulls last, id desc nulls last limit 21`,
    sql`select type, count(*)::int as n from customer_activity where customer_id = ${id} group by type`,
  ]);
  const page = rows.slice(0, 20);
  return {
    data: page,
    nextCursor: rows.length > 20 ? encode({ t: page[19].cursor_t, id: page[19].id }) : null,
    stats: {
      total: stats.reduce((s, r) => s + (r.n as number), 0),
      byType: Object.fromEntries(stats.map((r) => [r.type, r.n])),
    },
  };
}

async function listDocuments(id: string) {
  if (!(await exists(id))) return null;
  const [data, stats] = await Promise.all([
    sql`select * from customer_documents where customer_id = ${id} and deleted_at is null and min_role in ${sql(ROLES)}
      order by uploaded_at desc nulls last, id desc nulls last limit 500`,
    sql`select category, count(*)::int as n, coalesce(sum(size_bytes), 0)::float8 as bytes from customer_documents
      where customer_id = ${id} and deleted_at is null and min_role in ${sql(ROLES)} group by category`,
  ]);
  return { data, stats };
}

async function assertCustomer(id: string) {
  const [row] = await sql`select id, status from customers where id = ${id} limit 1`;
  return row ?? null;
}

async function financeFacts(id: string) {
  const [[totals], settled] = await Promise.all([
    sql`select
      coalesce(sum(i.total_ttc_cents), 0)::float8 as invoiced,
      coalesce(sum(i.credited_cents), 0)::float8 as credited,
      coalesce(sum(i.paid_cents), 0)::float8 as paid,
      coalesce(sum(i.refunded_cents), 0)::float8 as refunded,
      coalesce(sum(i.balance_cents), 0)::float8 as balance,
      coalesce(sum(i.balance_cents) filter (where i.status in ('unpaid','partial') and i.due_at < now()), 0)::float8 as overdue,
      (count(*) filter (where i.status in ('unpaid','partial') and i.due_at < now()))::int as overdue_count,
      count(*)::int as invoice_count,
      avg(i.total_ttc_cents - i.credited_cents)::float8 as avg_invoice,
      floor(extract(epoch from now() - min(i.due_at) filter (where i.status in ('unpaid','partial') and i.due_at < now())) / 86400)::int as oldest_overdue_days,
      (select extract(epoch from max(p.paid_at)) * 1000 from payments p where p.customer_id = ${id})::float8 as last_payment_ms
    from invoices i where i.customer_id = ${id} and i.status <> 'cancelled'`,
    sql`select
      (extract(epoch from max(p.paid_at) - i.issued_at) / 86400)::float8 as days_to_pay,
      (extract(epoch from max(p.paid_at) - i.due_at) / 86400)::float8 as days_late
    from invoices i join payments p on p.invoice_id = i.id
    where i.customer_id = ${id} and i.status = 'paid'
    group by i.id, i.issued_at, i.due_at order by i.issued_at, i.id`,
  ]);
  return { totals, settled };
}

async function finances(id: string) {
  const [customer, facts, balanceHistory] = await Promise.all([
    assertCustomer(id),
    financeFacts(id),
    sql`with live as (
      select i.id, i.issued_at, i.cancelled_at, i.total_ttc_cents from invoices i
      where i.customer_id = ${id} and (i.status <> 'cancelled' or i.cancelled_at is not null)
    ), events as (
      select (issued_at at time zone ${PARIS})::date as day, total_ttc_cents as delta from live
      union all
      select (cancelled_at at time zone ${PARIS})::date, -total_ttc_cents from live where cancelled_at is not null
      union all
      select (p.paid_at at time zone ${PARIS})::date, -p.amount_cents from payments p join live on live.id = p.invoice_id
        where p.customer_id = ${id}
      union all
      select (n.issued_at at time zone ${PARIS})::date, -n.total_ttc_cents from credit_notes n join live on live.id = n.invoice_id
        where n.customer_id = ${id}
      union all
      select (r.refunded_at at time zone ${PARIS})::date, r.amount_cents from refunds r join live on live.id = r.invoice_id
        where r.customer_id = ${id}
    ), daily as (select day, sum(delta) as delta from events group by day)
    select to_char(day, 'YYYY-MM-DD') as date,
      (sum(delta) over (order by day rows between unbounded preceding and current row))::float8 as balance
    from daily order by day`,
  ]);
  if (!customer) return null;
  return { ...facts, balanceHistory };
}

async function analytics(id: string) {
  // Same reads as lib/analytics/rfm.ts: the snapshot row and the customer's row of the materialized view.
  const [customer, [snapshot], [rfm], monthly, kinds, vehicles, visits] = await Promise.all([
    assertCustomer(id),
    sql`select refreshed_at, duration_ms, total, stats from rfm_snapshots where id = 1`,
    sql`select floor(extract(epoch from now() - last_at) / 86400)::int as recency_days, frequency, monetary, avg_interval, r, f, m, segment
      from customer_rfm where customer_id = ${id}`,
    sql`with bounds as (select date_trunc('month', now() at time zone ${PARIS}) as last_month),
      months as (select generate_series(last_month - make_interval(months => ${WINDOW - 1}), last_month, interval '1 month') as m from bounds),
      billed as (select issued_at as at, total_ht_cents as ht from invoices where customer_id = ${id} and status <> 'cancelled'
        union all select issued_at, -total_ht_cents from credit_notes where customer_id = ${id}),
      rev as (select date_trunc('month', b.at at time zone ${PARIS}) as m, sum(b.ht) as s
        from billed b, bounds where b.at >= (bounds.last_month - make_interval(months => ${WINDOW - 1})) at time zone ${PARIS} group by 1),
      vis as (select date_trunc('month', v.completed_at at time zone ${PARIS}) as m, count(*) as c
        from interventions v, bounds where v.customer_id = ${id} and v.status in ('done', 'invoiced')
          and v.completed_at >= (bounds.last_month - make_interval(months => ${WINDOW - 1})) at time zone ${PARIS} group by 1)
      select to_char(months.m, 'YYYY-MM') as month, coalesce(rev.s, 0)::float8 as revenue, coalesce(vis.c, 0)::int as visits
      from months left join rev on rev.m = months.m left join vis on vis.m = months.m order by months.m`,
    sql`select kind, count(*)::int as count from interventions where customer_id = ${id} and status in ('done', 'invoiced')
      group by kind order by count(*) desc, kind asc`,
    sql`select v.id, v.make, v.model, v.plate, (count(i.id) filter (where i.status in ('done', 'invoiced')))::int as visits
      from vehicles v left join interventions i on i.vehicle_id = v.id where v.customer_id = ${id}
      group by v.id order by visits desc, v.plate asc`,
    sql`select completed_at from interventions where customer_id = ${id} and status in ('done', 'invoiced') and completed_at is not null
      order by completed_at asc`,
  ]);
  if (!customer) return null;
  let score: postgres.Row | null = rfm ?? null;
  if (!score) {
    [score] = await sql<postgres.Row[]>`select
      floor(extract(epoch from now() - greatest(
        (select max(completed_at) from interventions where customer_id = ${id} and status in ('done', 'invoiced')),
        (select max(issued_at) from invoices where customer_id = ${id} and status <> 'cancelled'))) / 86400)::int as recency_days,
      (select count(*) from interventions where customer_id = ${id} and status in ('done', 'invoiced')
        and completed_at >= now() - make_interval(months => ${WINDOW}))::int as frequency,
      greatest(0,
        (select coalesce(sum(amount_cents), 0) from payments where customer_id = ${id}
          and paid_at >= now() - make_interval(months => ${WINDOW}))
        - (select coalesce(sum(amount_cents), 0) from refunds where customer_id = ${id}
          and refunded_at >= now() - make_interval(months => ${WINDOW})))::float8 as monetary`;
  }
  return { rfm: score, base: snapshot, monthly, kinds, vehicles, visits };
}

async function route(path: string, params: URLSearchParams): Promise<unknown> {
  if (path === '/health') return { ok: true };
  if (path === '/customers') return listCustomers(params.get('cursor'));
  const m = /^\/customers\/([0-9a-f-]{36})(?:\/(activities|documents|finances|analytics))?$/.exec(path);
  if (!m) return undefined;
  const [, id, sub] = m;
  if (!sub) return getCustomer(id);
  if (sub === 'activities') return listActivities(id, params.get('cursor'));
  if (sub === 'documents') return listDocuments(id);
  if (sub === 'finances') return finances(id);
  return analytics(id);
}

const server = http.createServer((req, res) => {
  const u = new URL(req.url ?? '/', 'http://x');
  route(u.pathname, u.searchParams).then(
    (body) => {
      const status = body === undefined ? 404 : body === null ? 404 : 200;
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body ?? { error: 'not_found' }));
    },
    (error: unknown) => {
      res.writeHead(500, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: String(error) }));
    },
  );
});

server.listen(port, '127.0.0.1', () => console.log(`raw SQL server on http://127.0.0.1:${port}`));
for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.on(signal, () => {
    server.close();
    void sql.end({ timeout: 2 }).finally(() => process.exit(0));
  });
}
