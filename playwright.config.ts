import os from 'node:os';
import path from 'node:path';
import { defineConfig, devices } from '@playwright/test';

// Tooling file: reads its own knobs (the app's configuration lives in lib/env.ts).
const port = Number(process.env.E2E_PORT ?? 3107);
const dataDir = process.env.E2E_DATA_DIR ?? path.join(os.tmpdir(), `c360-e2e-${process.pid}`);
const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

const launchOptions = {
  executablePath,
  args: [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ],
};

const PHONE_ONLY = /(interventions-phone|offline|phone-first)\.spec\.ts$/;
const PHONE_SPECS =
  /(a11y|activity|documents|global-search|interventions-phone|list-bulk|offline|phone-first|profile-field|roles|tasks)\.spec\.ts$/;

export default defineConfig({
  testDir: 'tests/e2e',
  fullyParallel: false,
  workers: 1,
  retries: process.env.CI ? 1 : 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [['list'], ['json']],
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    locale: 'fr-FR',
    timezoneId: 'Europe/Paris',
    // Recorded on the retry of a failed test only (CI retries once): tracing every test (DOM snapshots and
    // screenshots at each action, then thrown away on success) cost the browser a large share of its CPU.
    trace: 'on-first-retry',
    screenshot: 'only-on-failure',
  },
  projects: [
    {
      name: 'desktop',
      // The phone-only journeys skip themselves here; everything else is an office flow first.
      testIgnore: PHONE_ONLY,
      use: { ...devices['Desktop Chrome'], viewport: { width: 1280, height: 800 }, launchOptions },
    },
    {
      name: 'phone',
      // What people do on a phone (technicians in the field, anyone reading a record): office-only flows
      // (exports, finances forms, duplicates, security headers) are not run twice — CI time stays lean.
      testMatch: PHONE_SPECS,
      use: {
        ...devices['Pixel 7'],
        viewport: { width: 390, height: 844 },
        isMobile: true,
        hasTouch: true,
        launchOptions,
      },
    },
  ],
  webServer: {
    // The README's start command, on a throw-away data directory with demo data.
    command: 'npx tsx lib/cli/start.ts',
    url: `http://127.0.0.1:${port}/api/health`,
    timeout: 600_000,
    reuseExistingServer: false,
    stdout: 'pipe',
    stderr: 'pipe',
    env: { PORT: String(port), DATA_DIR: dataDir, DEMO_PASSWORD: 'customer360', NODE_ENV: 'production' },
  },
});
