/**
 * What the sub-benchmarks share within one `npm run bench`: the fixtures and a production server on
 * the seed:large database, started on first need (or the one at BENCH_URL) and stopped at the end.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { APP_PORT, BENCH_EMAIL, BENCH_PASSWORD, LARGE_DB, type Server, signIn, startNextServer } from './common';
import { type Fixtures, prepareFixtures, releaseFixtures } from './fixtures';

export interface BenchContext {
  fixtures: Fixtures;
  /** The app on the 100k database. */
  app: () => Promise<Server>;
  /** Session cookie of the bench admin on that app. */
  cookie: () => Promise<string>;
  close: () => Promise<void>;
}

export async function createContext(): Promise<BenchContext> {
  const fixtures = await prepareFixtures();
  let server: Promise<Server> | null = null;
  let dataDir: string | null = null;
  let cookie: Promise<string> | null = null;
  const app = () => {
    if (!server) {
      const external = process.env.BENCH_URL;
      server = external
        ? Promise.resolve({ url: external.replace(/\/$/, ''), pid: null, stop: async () => {} })
        : // Own DATA_DIR: nothing of this server lands in the team's .data/.
          startNextServer(
            APP_PORT,
            {
              DATABASE_URL: LARGE_DB,
              DEMO: '0',
              DATA_DIR: (dataDir = mkdtempSync(path.join(os.tmpdir(), 'c360-bench-data-'))),
            },
            'app',
          );
    }
    return server;
  };
  return {
    fixtures,
    app,
    cookie: () => (cookie ??= app().then((s) => signIn(s.url, BENCH_EMAIL, BENCH_PASSWORD))),
    close: async () => {
      await releaseFixtures(fixtures);
      if (server) await (await server.catch(() => null))?.stop();
      if (dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
