/**
 * Check 5 of the scale-out bench: a mixed read/write load through HAProxy (autocannon, 50 connections,
 * 60 s), `kill -9` of instance B at 20 s, B started again 3 s later. Reads: the customer list and a
 * customer; writes (one request in three): a note created with an `Idempotency-Key`, the id of every
 * 2xx-acknowledged note kept. Afterwards every acknowledged note must be in the database with its
 * activity row (written in the same transaction), and the error rate seen by the clients must stay
 * under 1 %.
 */
import { readFileSync } from 'node:fs';
import autocannon from 'autocannon';
import postgres from 'postgres';
import { fmt, info, pct, record, sleep } from './common';
import { type Cluster, createTokens } from './scaleout-cluster';

const SECONDS = Number(process.env.BENCH_SCALEOUT_SECONDS ?? 60);
const CONNECTIONS = Number(process.env.BENCH_SCALEOUT_CONNECTIONS ?? 50);
const KILL_AT_S = Number(process.env.BENCH_SCALEOUT_KILL_AT ?? 20);
const RESTART_AFTER_S = Number(process.env.BENCH_SCALEOUT_RESTART_AFTER ?? 3);
/** 600 requests/minute per token (LIMITS.token), shared by the instances: enough tokens never to hit it. */
const TOKENS = 100;

type Kind = 'read' | 'write';
interface Ctx {
  kind?: Kind;
}

export interface LoadOutcome {
  /** One line per 5 s: answers per server, errors. */
  timeline: string[];
  statuses: Record<Kind, Record<string, number>>;
  retried: number;
  redispatched: number;
}

const header = (headers: Record<string, unknown>, name: string) =>
  String(Object.entries(headers).find(([k]) => k.toLowerCase() === name)?.[1] ?? '');

export async function checkKillUnderLoad(c: Cluster): Promise<LoadOutcome> {
  const tokens = await createTokens(TOKENS, 'load');
  const sql = postgres(c.db, { max: 1, onnotice: () => {} });
  const customerIds = (
    await sql<{ id: string }[]>`select id from customers where erased_at is null order by id limit 60`
  ).map((r) => r.id);
  const tag = Date.now().toString(36);
  info(
    `charge mixte via HAProxy : ${CONNECTIONS} connexions, ${SECONDS} s, 2 lectures pour 1 écriture, ${TOKENS} jetons ; kill -9 de B à ${KILL_AT_S} s, relance ${RESTART_AFTER_S} s après`,
  );

  const acked = new Set<string>();
  const statuses: LoadOutcome['statuses'] = { read: {}, write: {} };
  const latencies: number[] = [];
  /** Per second since the start: answers per server ('-' = HAProxy itself), errors. */
  const seconds: { served: Record<string, number>; bad: number }[] = [];
  let n = 0;
  const t0 = performance.now();
  const second = () => (seconds[Math.floor((performance.now() - t0) / 1000)] ??= { served: {}, bad: 0 });

  const run = new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      {
        url: c.lb,
        connections: CONNECTIONS,
        duration: SECONDS,
        timeout: 30,
        requests: [
          {
            setupRequest: (req, context: Ctx) => {
              const i = n++;
              const id = customerIds[i % customerIds.length];
              const authorization = `Bearer ${tokens[i % tokens.length].token}`;
              if (i % 3 === 2) {
                context.kind = 'write';
                return {
                  ...req,
                  method: 'POST',
                  path: `/api/customers/${id}/notes`,
                  headers: {
                    authorization,
                    'content-type': 'application/json',
                    'idempotency-key': `scaleout-${tag}-${i}`,
                  },
                  body: JSON.stringify({ body: `Note de charge ${tag} n° ${i}` }),
                };
              }
              context.kind = 'read';
              return {
                ...req,
                method: 'GET',
                path: i % 3 === 0 ? '/api/customers?limit=20' : `/api/customers/${id}`,
                headers: { authorization },
                body: Buffer.alloc(0),
              };
            },
            onResponse: (status, body, context: Ctx, headers) => {
              const kind = context.kind ?? 'read';
              statuses[kind][status] = (statuses[kind][status] ?? 0) + 1;
              const s = second();
              const server = header(headers as Record<string, unknown>, 'x-served-by') || '-';
              s.served[server] = (s.served[server] ?? 0) + 1;
              if (status >= 300) s.bad++;
              if (kind === 'write' && status >= 200 && status < 300) acked.add((JSON.parse(body) as { id: string }).id);
            },
          },
        ],
      },
      (error, result) => (error ? reject(error) : resolve(result)),
    );
    instance.on('response', (_client, _status, _bytes, time) => latencies.push(time));
    instance.on('reqError', () => second().bad++);
  });

  await sleep(KILL_AT_S * 1000);
  c.kill('b');
  const killedAt = (performance.now() - t0) / 1000;
  info(`kill -9 de l'instance B à ${fmt(killedAt)} s`);
  await sleep(RESTART_AFTER_S * 1000);
  const restart = c.restart('b').then(
    () => (performance.now() - t0) / 1000,
    (error: unknown) => {
      info(`relance de B impossible : ${(error as Error).message}`);
      return NaN;
    },
  );
  const result = await run;
  const restartedAt = await restart;
  const firstBAfter = seconds.findIndex((s, i) => i > killedAt + 1 && (s?.served.b ?? 0) > 0);

  const answered = Object.values(statuses).reduce((t, m) => t + Object.values(m).reduce((u, v) => u + v, 0), 0);
  const failedAnswers = Object.values(statuses).reduce(
    (t, m) => t + Object.entries(m).reduce((u, [code, v]) => u + (Number(code) >= 300 ? v : 0), 0),
    0,
  );
  const transport = result.errors + result.timeouts;
  const total = answered + transport;
  const errorRate = (100 * (failedAnswers + transport)) / Math.max(1, total);

  // Every acknowledged note, and its activity row, must be in the database.
  const ids = [...acked];
  const [found] = await sql<{ notes: number; activities: number }[]>`
    select (select count(*) from customer_notes where id = any(${ids}::uuid[]))::int as notes,
           (select count(distinct related_id) from customer_activity
             where related_type = 'note' and related_id = any(${ids}::text[]))::int as activities`;
  const [written] = await sql<{ n: number }[]>`
    select count(*)::int as n from customer_notes where body like ${`Note de charge ${tag} %`}`;
  await sql.end();
  const lost = ids.length - Math.min(found.notes, found.activities);

  const log = readFileSync(c.haproxyLog, 'utf8').split('\n');
  // log-format "%t %b/%s %ST %rc …": %rc > 0 = retried, a leading + = sent to the other server.
  const retryCounts = log.map((l) => l.split(' ')[3] ?? '').filter((rc) => /^\+?[1-9]/.test(rc));
  const retried = retryCounts.length;
  const redispatched = retryCounts.filter((rc) => rc.startsWith('+')).length;

  const timeline: string[] = [];
  for (let from = 0; from < seconds.length; from += 5) {
    const slice = seconds.slice(from, from + 5).filter(Boolean);
    const sum = (k: string) => slice.reduce((t, s) => t + (s.served[k] ?? 0), 0);
    const bad = slice.reduce((t, s) => t + s.bad, 0);
    timeline.push(
      `${String(from).padStart(2)}–${String(from + 5).padStart(2)} s : A ${sum('a')}, B ${sum('b')}${sum('-') ? `, HAProxy ${sum('-')}` : ''}, erreurs ${bad}`,
    );
  }
  for (const line of timeline) info(line);
  info(
    `${total} requêtes (${fmt(total / SECONDS, 0)} req/s), p95 ${fmt(pct(latencies, 95))} ms ; lectures ${JSON.stringify(statuses.read)}, écritures ${JSON.stringify(statuses.write)}, erreurs de transport ${transport} ; HAProxy : ${retried} requêtes réessayées dont ${redispatched} sur l'autre instance`,
  );
  info(
    `B relancée à ${fmt(restartedAt)} s, à nouveau servie par HAProxy dès ${firstBAfter >= 0 ? `${firstBAfter} s` : 'jamais'} ; notes écrites ${written.n}, confirmées ${ids.length}`,
  );
  record('scaleout', 'kill -9 sous charge : écritures confirmées (2xx) perdues', lost, 'notes', {
    max: 0,
    note: `${ids.length} notes confirmées, ${found.notes} en base, ${found.activities} avec leur activité ; ${written.n - ids.length} écrites sans accusé reçu (en cours sur B à sa mort, ou encore en vol à la fin de la charge)`,
  });
  record('scaleout', "kill -9 sous charge : taux d'erreur vu par les clients", errorRate, '%', {
    max: 1,
    note: `${failedAnswers + transport} / ${total} ; ${CONNECTIONS} connexions, ${SECONDS} s ; ${retried} réessais HAProxy`,
  });
  record('scaleout', 'kill -9 sous charge : débit via HAProxy', total / SECONDS, 'req/s', {
    note: `p95 ${fmt(pct(latencies, 95))} ms`,
  });
  return { timeline, statuses, retried, redispatched };
}
