import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const root = path.dirname(fileURLToPath(import.meta.url));

/**
 * Files that open an embedded PGlite of their own whatever TEST_DRIVER says (the token CLI on its default
 * directory, migration 0005 replayed on a scratch database): on the PostgreSQL pass they would test the same
 * thing a second time, so they run once, on the PGlite pass.
 */
const PGLITE_ONLY = ['tests/integration/token-cli.test.ts', 'tests/integration/interventions-migration.test.ts'];
// Tooling file: reads its own knob (the app's configuration lives in lib/env.ts).
const onPostgres = process.env.TEST_DRIVER === 'postgres';

const shared = {
  resolve: {
    alias: {
      '@': root,
      // `server-only` throws outside React Server Components; tests import server modules directly.
      'server-only': path.join(root, 'tests/setup/empty-module.ts'),
    },
  },
};

export default defineConfig({
  ...shared,
  test: {
    projects: [
      {
        ...shared,
        test: { name: 'unit', include: ['tests/unit/**/*.test.ts'], environment: 'node', sequence: { groupOrder: 0 } },
      },
      {
        ...shared,
        test: {
          name: 'integration',
          sequence: { groupOrder: 1 },
          include: ['tests/integration/**/*.test.ts', 'tests/security/**/*.test.ts'],
          exclude: onPostgres ? PGLITE_ONLY : [],
          environment: 'node',
          globalSetup: ['tests/setup/global-db.ts'],
          setupFiles: ['tests/setup/per-file-db.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          // Each file gets its own database; two workers keep the 2-core machine busy but not thrashing.
          pool: 'forks',
          maxWorkers: 2,
          // next-auth imports `next/server` without an extension, which Node's ESM resolver refuses: run it
          // through Vite so tests can call the real sign-in endpoint (tests/security/login-bruteforce.test.ts).
          server: { deps: { inline: ['next-auth'] } },
        },
      },
    ],
  },
});
