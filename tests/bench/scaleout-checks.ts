/**
 * Checks 1–4 of the scale-out bench (README « Scaling out »), each recorded with PASS/MISS:
 * a session opened on one instance is accepted by the other; a token revoked on A is refused by A at
 * once and by B within TOKEN_CACHE_MS; the per-token rate limit counts the requests of both instances
 * together (Redis); the base-wide RFM refresh, due on both instances at once, runs on one of them only.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Redis } from 'ioredis';
import postgres from 'postgres';
import { TOKEN_CACHE_MS } from '@/lib/auth/tokens';
import { RFM_REFRESH_LOCK } from '@/lib/analytics/rfm';
import { LIMITS } from '@/lib/rate-limit';
import { BENCH_EMAIL, BENCH_PASSWORD, buildSnapshot, fmt, info, record, signIn, sleep } from './common';
import { type Cluster, createTokens, type Instance, REDIS_URL } from './scaleout-cluster';

async function status(url: string, headers: Record<string, string>): Promise<number> {
  const res = await fetch(url, { headers, redirect: 'manual', signal: AbortSignal.timeout(30_000) });
  await res.arrayBuffer();
  return res.status;
}

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

/** 1 for the API (200) + 1 for the customer list page (200, not the redirect to /login). */
async function sessionAccepted(base: string, cookie: string): Promise<number> {
  const api = await status(`${base}/api/customers?limit=1`, { cookie });
  const page = await status(`${base}/customers`, { cookie });
  return (api === 200 ? 1 : 0) + (page === 200 ? 1 : 0);
}

export async function checkSessions(c: Cluster): Promise<void> {
  const { a, b } = c.instances;
  const served: Record<string, number> = {};
  for (let i = 0; i < 20; i++) {
    const res = await fetch(`${c.lb}/api/health`);
    await res.arrayBuffer();
    const s = res.headers.get('x-served-by') ?? '?';
    served[s] = (served[s] ?? 0) + 1;
  }
  info(`20 requêtes via HAProxy : ${JSON.stringify(served)} (round robin, sans affinité)`);
  // The control: without the cookie both answers are refused, so an "accepted" below means something.
  if ((await sessionAccepted(b.url, '')) !== 0) throw new Error('B accepte une requête sans session');
  const onA = await signIn(a.url, BENCH_EMAIL, BENCH_PASSWORD);
  record('scaleout', 'session ouverte sur A, acceptée par B (API + page)', await sessionAccepted(b.url, onA), 'sur 2', {
    min: 2,
  });
  // Through the balancer the CSRF request and the credentials callback land on different instances.
  const viaLb = await signIn(c.lb, BENCH_EMAIL, BENCH_PASSWORD);
  const both = (await sessionAccepted(a.url, viaLb)) + (await sessionAccepted(b.url, viaLb));
  record('scaleout', 'session ouverte via HAProxy, acceptée par A et par B', both, 'sur 4', { min: 4 });
}

/** The admin page's server action `revokeTokenAction`, called on one instance as the browser does. */
async function revokeWithAction(instance: Instance, cookie: string, tokenId: string): Promise<void> {
  const manifest = JSON.parse(
    readFileSync(path.join(await buildSnapshot(), '.next', 'server', 'server-reference-manifest.json'), 'utf8'),
  ) as { node: Record<string, { exportedName?: string; filename?: string }> };
  const actionId = Object.entries(manifest.node).find(
    ([, a]) => a.exportedName === 'revokeTokenAction' && (a.filename ?? '').includes('token-actions'),
  )?.[0];
  if (!actionId) throw new Error('action revokeTokenAction absente du manifeste de la build');
  // React's encodeReply of (tokenId, prevState, new FormData()): the arguments as JSON in part 0, "$K1" = the empty FormData.
  const body = new FormData();
  body.set('0', JSON.stringify([tokenId, { ok: false, message: '' }, '$K1']));
  const res = await fetch(`${instance.url}/admin/tokens`, {
    method: 'POST',
    headers: { cookie, origin: instance.url, 'next-action': actionId, accept: 'text/x-component' },
    body,
    signal: AbortSignal.timeout(30_000),
  });
  const text = await res.text();
  if (res.status !== 200 || !text.includes('révoqué')) throw new Error(`révocation refusée (HTTP ${res.status})`);
}

export async function checkTokenRevocation(c: Cluster): Promise<void> {
  const { a, b } = c.instances;
  const [token] = await createTokens(1, 'revoke');
  const url = (i: Instance) => `${i.url}/api/customers?limit=1`;
  const cookie = await signIn(a.url, BENCH_EMAIL, BENCH_PASSWORD);
  // Worst case for B: it verifies the token (a fresh lookup, cached from now on) just before A revokes it.
  const warmA = await status(url(a), bearer(token.token));
  await sleep(TOKEN_CACHE_MS + 200);
  const warmB = await status(url(b), bearer(token.token));
  if (warmA !== 200 || warmB !== 200) throw new Error(`jeton neuf refusé avant révocation : ${warmA}, ${warmB}`);
  const t0 = performance.now();
  await revokeWithAction(a, cookie, token.id);
  const revoked = performance.now();
  const deadline = revoked + TOKEN_CACHE_MS + 5_000;
  /**
   * Polls until refused. `lastAccepted`: how long after the revocation had answered the last request that
   * was still accepted was sent (B's cache entry expires at most TOKEN_CACHE_MS after its last lookup,
   * which was before the revocation; so every request sent later must be refused).
   */
  const refusedAfter = async (i: Instance) => {
    let accepted = 0;
    let lastAccepted = 0;
    while (performance.now() < deadline) {
      const sent = performance.now();
      const s = await status(url(i), bearer(token.token));
      if (s === 401) return { refused: performance.now() - revoked, accepted, lastAccepted };
      if (s === 200) {
        accepted++;
        lastAccepted = sent - revoked;
      }
      await sleep(100);
    }
    return { refused: NaN, accepted, lastAccepted: NaN };
  };
  const [onA, onB] = await Promise.all([refusedAfter(a), refusedAfter(b)]);
  info(
    `révocation par l'action de la page admin sur A (${fmt(revoked - t0, 0)} ms) ; premier refus reçu : A ${fmt(onA.refused, 0)} ms, B ${fmt(onB.refused, 0)} ms après sa réponse`,
  );
  record('scaleout', 'jeton révoqué sur A : requêtes encore acceptées par A', onA.accepted, 'req.', { max: 0 });
  record('scaleout', 'jeton révoqué sur A : encore accepté par B pendant', onB.lastAccepted, 'ms', {
    max: TOKEN_CACHE_MS,
    note: `dernière requête acceptée par B envoyée ${fmt(onB.lastAccepted, 0)} ms après la révocation (${onB.accepted} acceptées), premier refus reçu à ${fmt(onB.refused, 0)} ms ; fenêtre documentée TOKEN_CACHE_MS = ${TOKEN_CACHE_MS} ms (lib/auth/tokens.ts)`,
  });
}

/** `total` requests with one token, spread over `targets` in turn, 16 at a time; answers per target and status. */
async function burst(targets: Instance[], token: string, total: number) {
  const counts = new Map<string, Record<number, number>>(targets.map((t) => [t.name, {}]));
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: 16 }, async () => {
      for (let i = next++; i < total; i = next++) {
        const t = targets[i % targets.length];
        const s = await status(`${t.url}/api/customers?limit=1`, bearer(token));
        const m = counts.get(t.name)!;
        m[s] = (m[s] ?? 0) + 1;
      }
    }),
  );
  const sum = (code: number) => [...counts.values()].reduce((n, m) => n + (m[code] ?? 0), 0);
  return { counts, ok: sum(200), limited: sum(429), seconds: (performance.now() - started) / 1000 };
}

export async function checkRateLimits(c: Cluster): Promise<void> {
  const { a, b } = c.instances;
  const { limit, windowSeconds } = LIMITS.token;
  // Just past the limit: the whole burst must fit in one window even on a loaded machine.
  const total = limit + 50;
  const [alone, split] = await createTokens(2, 'limit');
  const one = await burst([a], alone.token, total);
  const two = await burst([a, b], split.token, total);
  const redis = new Redis(REDIS_URL, { maxRetriesPerRequest: 1 });
  const counter = await redis.get(`c360:rl:token:${split.id}`).finally(() => redis.quit());
  const per = (name: string) => JSON.stringify(two.counts.get(name));
  info(
    `${total} requêtes, un jeton : A seule ${one.ok} acceptées / ${one.limited} × 429 (${fmt(one.seconds)} s) ; A+B en alternance ${two.ok} / ${two.limited} (A ${per('a')}, B ${per('b')}, ${fmt(two.seconds)} s) ; compteur Redis ${counter}`,
  );
  if (one.seconds > windowSeconds || two.seconds > windowSeconds)
    info(`⚠ une rafale a duré plus que la fenêtre de ${windowSeconds} s : comptes non comparables`);
  record('scaleout', 'limite par jeton répartie sur A et B : acceptées', two.ok, 'req.', {
    min: one.ok,
    max: one.ok,
    note: `une instance seule : ${one.ok} (limite ${limit}/${windowSeconds} s) ; sans compteur partagé A+B en accepteraient jusqu'à ${2 * limit}`,
  });
  const refusing = [a, b].filter((i) => (two.counts.get(i.name)?.[429] ?? 0) > 0).length;
  record('scaleout', 'limite atteinte : instances qui répondent 429', refusing, 'inst.', { min: 2 });
}

interface LockRow {
  app: string;
  granted: boolean;
  waiting: string | null;
}

/**
 * Both instances find the RFM snapshot out of date at the same moment (as every 5 minutes) and start
 * their background refresh. To see them overlap whatever the machine's speed, this connection holds
 * a share lock on both materialized views meanwhile: the instance that takes the refresh lock stays in
 * its REFRESH, and the other one must give up (pg_try_advisory_xact_lock), not wait and not refresh.
 */
export async function checkRfmRefresh(c: Cluster): Promise<void> {
  const { a, b } = c.instances;
  const [token] = await createTokens(1, 'rfm');
  const sql = postgres(c.db, { max: 3, onnotice: () => {} });
  try {
    const [customer] = await sql<{ id: string }[]>`select id from customers order by id limit 1`;
    const trigger = async (i: Instance) => {
      const t = performance.now();
      const s = await status(`${i.url}/api/customers/${customer.id}/analytics`, bearer(token.token));
      return { name: i.name, status: s, ms: performance.now() - t };
    };
    const view = async () =>
      (await sql<{ d: string }[]>`select pg_get_viewdef('customer_rfm'::regclass) as d`)[0].d.includes('customer_rfm_a')
        ? 'a'
        : 'b';
    const viewBefore = await view();
    const holder = await sql.reserve();
    await holder`begin`;
    await holder`select 1 from customer_rfm_a limit 0`;
    await holder`select 1 from customer_rfm_b limit 0`;
    await sql`update rfm_snapshots set refreshed_at = now() - interval '1 hour'`;
    const answers = await Promise.all([trigger(a), trigger(b)]);
    const holders = new Set<string>();
    let maxHolders = 0;
    let waiters = 0;
    for (let i = 0; i < 30; i++) {
      // Later reads on both instances meanwhile: the schedule keeps firing while the refresh runs.
      if (i % 10 === 5) answers.push(...(await Promise.all([trigger(a), trigger(b)])));
      const rows = await sql<LockRow[]>`
        select s.application_name as app, l.granted, s.wait_event_type as waiting
        from pg_locks l join pg_stat_activity s on s.pid = l.pid
        where l.locktype = 'advisory' and l.classid = 0 and l.objid = ${RFM_REFRESH_LOCK} and l.objsubid = 1`;
      const granted = rows.filter((r) => r.granted);
      granted.forEach((r) => holders.add(r.app));
      maxHolders = Math.max(maxHolders, granted.length);
      waiters = Math.max(waiters, rows.length - granted.length);
      await sleep(100);
    }
    await holder`commit`;
    holder.release();
    let refreshed: { age: number; durationMs: number } | undefined;
    for (let i = 0; i < 100 && !(refreshed && refreshed.age < 60); i++) {
      [refreshed] = await sql<{ age: number; durationMs: number }[]>`
        select extract(epoch from now() - refreshed_at)::float8 as age, duration_ms as "durationMs" from rfm_snapshots`;
      await sleep(100);
    }
    const viewAfter = await view();
    const ran = [...holders].map((h) => h.replace('c360-scaleout-', '').toUpperCase());
    info(
      `déclenchements (GET analyses, instantané vieux d'1 h) : ${answers.map((x) => `${x.name.toUpperCase()} ${x.status} en ${fmt(x.ms, 0)} ms`).join(', ')}`,
    );
    info(
      `verrou de rafraîchissement tenu par ${ran.join(', ') || 'personne'} ; en attente : ${waiters} ; vue ${viewBefore} → ${viewAfter} ; dernier rafraîchissement ${fmt(refreshed?.durationMs ?? NaN, 0)} ms`,
    );
    // Each refresh flips the view to the other materialized view: one flip = one refresh (two would flip it back).
    const done = refreshed != null && refreshed.age < 60;
    const runs = !done ? 0 : Math.max(holders.size, viewAfter !== viewBefore ? 1 : 2);
    record('scaleout', 'RFM dû sur A et B : rafraîchissements exécutés', runs, 'rafr.', {
      min: 1,
      max: 1,
      note: `par ${ran.join(', ') || '—'} ; l'autre instance a renoncé (aucune attente du verrou, ${waiters}) et répondu sans attendre`,
    });
    record('scaleout', 'RFM : rafraîchissements simultanés (max observé)', maxHolders, 'rafr.', { max: 1 });
    if (answers.some((x) => x.status !== 200)) throw new Error(`analyses : ${answers.map((x) => x.status).join(', ')}`);
  } finally {
    await sql.end({ timeout: 5 });
  }
}
