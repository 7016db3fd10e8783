/**
 * Where the CPU of an API request goes: the production server on the 100k database (like
 * `npm run bench -- api`), each endpoint loaded with 20 connections, measured twice — plain (req/s,
 * p95, server CPU per request from /proc) then under the V8 sampling profiler — and the profile
 * summarised (tests/bench/cpuprofile-summary.ts). Profiles land in $TMPDIR/c360-profile-<time>/.
 *
 *   npx tsx tests/bench/profile.ts [health] [liste] [fiche] [activité] [documents] [finances] [analyses]
 *
 * No argument: every endpoint. BENCH_PORT (3200), BENCH_SECONDS (8), BENCH_PROFILE_TOP (25),
 * BENCH_LATENCY=1 adds a 1-connection run (p95 without queueing). Needs the production build (.next/).
 * The profiler is started and stopped inside the server (a --require'd hook toggled by SIGUSR2), so
 * start-up and warm-up stay out of the profile.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ENDPOINTS } from './api-vs-sql';
import { APP_PORT, fmt, info, LARGE_DB, sleep, startNextServer } from './common';
import { type CpuProfile, formatSummary, summarize } from './cpuprofile-summary';
import { prepareFixtures, releaseFixtures } from './fixtures';
import { runLoad } from './load';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 8);
const TOP = Number(process.env.BENCH_PROFILE_TOP ?? 25);

/** Runs in the server (NODE_OPTIONS=--require): SIGUSR2 starts the profiler, the next one writes the profile. */
const HOOK = `
const inspector = require('node:inspector');
const fs = require('node:fs');
const out = process.env.C360_PROFILE_DIR;
const session = new inspector.Session();
session.connect();
let running = false;
process.on('SIGUSR2', () => {
  if (!running) {
    running = true;
    session.post('Profiler.enable', () =>
      session.post('Profiler.setSamplingInterval', { interval: 200 }, () =>
        session.post('Profiler.start', () => fs.writeFileSync(out + '/started', String(process.pid)))));
  } else {
    session.post('Profiler.stop', (error, result) => {
      running = false;
      fs.writeFileSync(out + '/current.tmp', error ? '{}' : JSON.stringify(result.profile));
      fs.renameSync(out + '/current.tmp', out + '/current.cpuprofile');
    });
  }
});
`;

/** user + system CPU (ms) of every process of the group (the server and anything it forked). */
function groupCpuMs(pgid: number): number {
  let ticks = 0;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const fields = readFileSync(`/proc/${entry}/stat`, 'utf8').split(') ')[1].split(' ');
      if (Number(fields[2]) !== pgid) continue;
      ticks += Number(fields[11]) + Number(fields[12]); // utime, stime
    } catch {
      // gone
    }
  }
  return ticks * 10; // USER_HZ = 100
}

async function waitFor(file: string, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  while (!existsSync(file)) {
    if (Date.now() > deadline) throw new Error(`${file} absent après ${timeoutMs} ms`);
    await sleep(100);
  }
}

/** The server process that runs the routes (next start may run them in a child of the group leader). */
function serverPids(pgid: number): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const fields = readFileSync(`/proc/${entry}/stat`, 'utf8').split(') ')[1].split(' ');
      if (Number(fields[2]) === pgid) pids.push(Number(entry));
    } catch {
      // gone
    }
  }
  return pids;
}

async function main() {
  const wanted = process.argv.slice(2);
  const outDir = path.join(os.tmpdir(), `c360-profile-${new Date().toISOString().replace(/[:.]/g, '-')}`);
  mkdirSync(outDir, { recursive: true });
  const hook = path.join(outDir, 'hook.cjs');
  writeFileSync(hook, HOOK);
  const fixtures = await prepareFixtures();
  const server = await startNextServer(
    APP_PORT,
    {
      DATABASE_URL: LARGE_DB,
      DEMO: '0',
      DATA_DIR: path.join(outDir, 'data'),
      NODE_OPTIONS: `--require ${hook}`,
      C360_PROFILE_DIR: outDir,
    },
    'profile',
  );
  const pgid = server.pid!;
  const tokens = fixtures.tokens;
  const bearer = (i: number) => ({ authorization: `Bearer ${tokens[i % tokens.length]}` });
  const targets = [
    { name: 'health', paths: ['/api/health'], headers: undefined },
    ...ENDPOINTS.map((ep) => ({ name: ep.name, paths: fixtures.sampleIds.map(ep.app), headers: bearer })),
  ].filter((t) => !wanted.length || wanted.some((w) => t.name.includes(w)));
  try {
    for (const t of targets) {
      console.log(`\n== ${t.name}`);
      const load = { baseUrl: server.url, paths: t.paths, headers: t.headers };
      if (t.name === 'analyses') await runLoad({ ...load, connections: 1, seconds: 3 }); // RFM snapshot
      await runLoad({ ...load, seconds: 3 });
      const cpu0 = groupCpuMs(pgid);
      const plain = await runLoad({ ...load, seconds: SECONDS });
      const cpuPerReq = (groupCpuMs(pgid) - cpu0) / plain.requests;
      const bad = plain.non2xx || plain.errors ? `  ⚠ ${JSON.stringify(plain.statuses)}` : '';
      info(
        `20 conn. : ${fmt(plain.rps, 0)} req/s, p50 ${fmt(plain.p50)} ms, p95 ${fmt(plain.p95)} ms, CPU serveur ${fmt(cpuPerReq, 2)} ms/req${bad}`,
      );
      if (process.env.BENCH_LATENCY) {
        const one = await runLoad({ ...load, seconds: SECONDS, connections: 1 });
        info(`1 conn.  : ${fmt(one.rps, 0)} req/s, p50 ${fmt(one.p50, 2)} ms, p95 ${fmt(one.p95, 2)} ms`);
      }
      // Every process of the group gets the signal: the hook is in each node process of the server.
      for (const pid of serverPids(pgid)) process.kill(pid, 'SIGUSR2');
      await waitFor(path.join(outDir, 'started'));
      const profiled = await runLoad({ ...load, seconds: SECONDS });
      for (const pid of serverPids(pgid)) process.kill(pid, 'SIGUSR2');
      const current = path.join(outDir, 'current.cpuprofile');
      await waitFor(current);
      const file = path.join(outDir, `${t.name.replace(/\W+/g, '-')}.cpuprofile`);
      renameSync(current, file);
      renameSync(path.join(outDir, 'started'), `${file}.started`);
      const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
      console.log(formatSummary(summarize(profile), TOP, profiled.requests));
      info(`profil : ${file}`);
    }
  } finally {
    await server.stop();
    await releaseFixtures(fixtures);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
