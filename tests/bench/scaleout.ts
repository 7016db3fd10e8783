/**
 * `npm run bench -- scaleout` (issue 20, « Two instances, one database »; README « Scaling out »): two
 * production instances on one PostgreSQL database and one Redis behind HAProxy (scaleout-cluster.ts),
 * then five checks, each printed with PASS/MISS and the load average:
 *   1. a session opened on one instance (or through the balancer) is accepted by the other;
 *   2. a token revoked on A is refused by A at once and by B within TOKEN_CACHE_MS;
 *   3. rate limits are shared: one token's requests split over A and B hit the limit at the same total;
 *   4. the base-wide RFM refresh, due on both, runs on one instance only (advisory lock);
 *   5. `kill -9` of one instance under a 60 s mixed load loses no acknowledged write, errors < 1 %.
 * The figures also go to tests/bench/results/scaleout.md (with the machine's load: the checks are
 * about correctness under load, only check 5's throughput depends on how busy the machine is).
 */
import { execSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fmt, results, ROOT } from './common';
import { checkRateLimits, checkRfmRefresh, checkSessions, checkTokenRevocation } from './scaleout-checks';
import { type Cluster, REDIS_URL, startCluster } from './scaleout-cluster';
import { checkKillUnderLoad, type LoadOutcome } from './scaleout-load';

const sh = (cmd: string) => {
  try {
    return execSync(cmd, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return 'n/a';
  }
};

function writeReport(c: Cluster, uptimeStart: string, failures: string[], load: LoadOutcome | null): void {
  const rows = results
    .filter((r) => r.bench === 'scaleout')
    .map(
      (r) =>
        `| ${r.name} | ${Number.isInteger(r.value) ? r.value : fmt(r.value, 1)} ${r.unit} | ${r.target || '—'} | ${r.pass == null ? '—' : r.pass ? 'PASS' : '**MISS**'} | ${r.load} | ${r.note ?? ''} |`,
    );
  const config = readFileSync(c.haproxyConfig, 'utf8');
  const md = [
    '# Scale-out run (`npm run bench -- scaleout`)',
    '',
    `${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC, commit ${sh('git rev-parse --short HEAD')}, build ${sh('cat .next/BUILD_ID')};`,
    `${sh('nproc')} vCPU; Node ${process.version}; ${sh(`psql "${c.db}" -tAc "select version()"`).split(' on ')[0]};`,
    `Redis ${sh(`redis-cli -u ${REDIS_URL} info server | grep redis_version | cut -d: -f2`)}; ${c.haproxyVersion}.`,
    '',
    `Load at start: \`${uptimeStart}\`; at the end: \`${sh('uptime')}\`. The machine is shared (other sessions`,
    'building and testing): the checks are about behaviour under load and hold whatever it is; only the',
    'throughput of check 5 depends on it. "load" below is the 1-minute load average when each figure was taken.',
    '',
    '| figure | value | target | verdict | load (1 min) | note |',
    '|---|---|---|---|---|---|',
    ...rows,
    ...(failures.length ? ['', 'Failed checks:', ...failures.map((f) => `- ${f}`)] : []),
    ...(load
      ? [
          '',
          'Check 5, answers per 5 s (server that answered, from HAProxy’s `X-Served-By`; B killed then restarted):',
          '',
          ...load.timeline.map((l) => `- ${l}`),
          '',
          `Statuses: reads ${JSON.stringify(load.statuses.read)}, writes ${JSON.stringify(load.statuses.write)}; HAProxy retried ${load.retried} requests (${load.redispatched} on the other instance).`,
          ...(load.statuses.write[409]
            ? [
                'The 409s are `idempotency_in_progress`: writes that were running on B when it was killed, retried by HAProxy',
                'on A while their key was still claimed by the dead process (README « Scaling out », known limit).',
              ]
            : []),
        ]
      : []),
    '',
    'HAProxy configuration written by the bench:',
    '',
    '```',
    config.trim(),
    '```',
    '',
  ].join('\n');
  const dir = path.join(ROOT, 'tests', 'bench', 'results');
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, 'scaleout.md'), md);
  console.log('  ·  résultats détaillés : tests/bench/results/scaleout.md');
}

export async function runScaleout(): Promise<void> {
  console.log('\n== Deux instances, une base (PostgreSQL + Redis derrière HAProxy)');
  const uptimeStart = sh('uptime');
  const cluster = await startCluster();
  const failures: string[] = [];
  let load: LoadOutcome | null = null;
  const checks: [string, () => Promise<unknown>][] = [
    ['session', () => checkSessions(cluster)],
    ['révocation', () => checkTokenRevocation(cluster)],
    ['limites', () => checkRateLimits(cluster)],
    ['rfm', () => checkRfmRefresh(cluster)],
    ['kill -9', async () => (load = await checkKillUnderLoad(cluster))],
  ];
  try {
    for (const [name, check] of checks) {
      console.log(`\n-- ${name}`);
      try {
        await check();
      } catch (error) {
        failures.push(`${name}: ${(error as Error).message}`);
        console.error(`  ✗ ${name} : ${(error as Error).message}`);
      }
    }
    writeReport(cluster, uptimeStart, failures, load);
  } finally {
    await cluster.close();
  }
  if (failures.length) throw new Error(`${failures.length} vérification(s) en échec : ${failures.join(' ; ')}`);
}
