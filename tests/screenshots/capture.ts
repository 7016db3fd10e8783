/**
 * npm run screenshots — every main page at 1280 px (office) and 390 px (phone) into tests/screenshots/,
 * for the README's « Captures d’écran ». Not part of `npm test`.
 *
 * Starts the production server itself, like the e2e suite does (`npx tsx lib/cli/start.ts`: builds
 * when the sources are newer than the last build, migrates, seeds the demo on an empty embedded
 * database), on a free port and a throw-away data directory, then signs in as the demo users and
 * captures the first screen of each page (viewport, device scale 1, so the PNGs stay small).
 *   npm run screenshots                 # all pages
 *   SCREENSHOTS_ONLY=profile npm run screenshots
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { type Browser, chromium, type Page } from '@playwright/test';

// Tooling file: reads its own knobs (the app's configuration lives in lib/env.ts).
const OUT = path.resolve(import.meta.dirname);
const ROOT = path.resolve(OUT, '../..');
const PASSWORD = 'customer360';
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ONLY = process.env.SCREENSHOTS_ONLY;

type Role = 'admin' | 'manager' | 'technician';
interface Shot {
  name: string;
  path: (ids: { customer: string; pairA?: string; pairB?: string }) => string;
  /** Who looks at it on the desktop, and on the phone (a technician when the page is theirs). */
  desktop: Role | null;
  phone: Role | null;
}

const SHOTS: Shot[] = [
  { name: 'login', path: () => '/login', desktop: null, phone: null },
  { name: 'customers', path: () => '/customers', desktop: 'manager', phone: 'technician' },
  { name: 'profile', path: (i) => `/customers/${i.customer}`, desktop: 'manager', phone: 'technician' },
  { name: 'activity', path: (i) => `/customers/${i.customer}/activity`, desktop: 'manager', phone: 'technician' },
  {
    name: 'interventions',
    path: (i) => `/customers/${i.customer}/interventions`,
    desktop: 'manager',
    phone: 'technician',
  },
  { name: 'analytics', path: (i) => `/customers/${i.customer}/analytics`, desktop: 'manager', phone: 'manager' },
  { name: 'finances', path: (i) => `/customers/${i.customer}/finances`, desktop: 'manager', phone: 'manager' },
  { name: 'documents', path: (i) => `/customers/${i.customer}/documents`, desktop: 'manager', phone: 'technician' },
  { name: 'consents', path: (i) => `/customers/${i.customer}/consents`, desktop: 'manager', phone: 'technician' },
  { name: 'vue-360', path: (i) => `/customers/${i.customer}/dashboard-360`, desktop: 'manager', phone: 'technician' },
  { name: 'ma-journee', path: () => '/ma-journee', desktop: 'technician', phone: 'technician' },
  { name: 'duplicates', path: () => '/customers/duplicates', desktop: 'manager', phone: 'manager' },
  { name: 'nearby', path: () => '/customers/nearby', desktop: 'manager', phone: 'technician' },
  { name: 'admin-tokens', path: () => '/admin/tokens', desktop: 'admin', phone: 'admin' },
];

const WIDTHS = [
  { width: 1280, height: 800, mobile: false },
  { width: 390, height: 844, mobile: true },
] as const;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

async function waitHealthy(base: string, child: ChildProcess, timeoutMs = 900_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (child.exitCode !== null) throw new Error(`le serveur s’est arrêté (code ${child.exitCode})`);
    try {
      if ((await fetch(`${base}/api/health`, { signal: AbortSignal.timeout(2000) })).ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 1000));
  }
  throw new Error('le serveur n’a pas répondu à temps');
}

async function signedIn(browser: Browser, base: string, role: Role | null, mobile: boolean) {
  const context = await browser.newContext({
    baseURL: base,
    locale: 'fr-FR',
    timezoneId: 'Europe/Paris',
    viewport: mobile ? { width: 390, height: 844 } : { width: 1280, height: 800 },
    deviceScaleFactor: 1,
    isMobile: mobile,
    hasTouch: mobile,
    // Screenshots must not depend on a tile server: the map shows its offline fallback.
    serviceWorkers: 'block',
  });
  await context.route(/^https?:\/\/(?!127\.0\.0\.1)/, (route) => route.abort());
  if (role) {
    const page = await context.newPage();
    await page.goto('/login');
    await page.getByLabel('Adresse e-mail').fill(`${role}@demo.local`);
    await page.getByLabel('Mot de passe').fill(PASSWORD);
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await page.waitForURL((url) => !url.pathname.startsWith('/login'), { timeout: 60_000 });
    await page.close();
  }
  return context;
}

/** A seeded customer with vehicles, a position and invoices (the same one on every run: seed 360). */
async function demoCustomerId(page: Page): Promise<string> {
  const res = await page.request.get('/api/customers?limit=100&sort=name');
  const { data } = (await res.json()) as { data: { id: string; vehicleCount: number; latitude: number | null }[] };
  const found = data.find((c) => c.vehicleCount > 0 && c.latitude !== null) ?? data[0];
  if (!found) throw new Error('aucun client de démonstration');
  return found.id;
}

async function capture(page: Page, url: string, file: string): Promise<boolean> {
  const response = await page.goto(url);
  if (!response || response.status() >= 400) {
    console.warn(`  ${url} → ${response?.status() ?? 'pas de réponse'} : capture ignorée`);
    return false;
  }
  // Streamed tabs, lazy charts, fonts: wait for the network to settle (bounded), then for paint.
  await page.waitForLoadState('networkidle', { timeout: 15_000 }).catch(() => {});
  await page.evaluate(() => document.fonts.ready);
  await page.waitForTimeout(300);
  await page.screenshot({ path: path.join(OUT, file), animations: 'disabled', caret: 'hide' });
  console.log(`  ${file}`);
  return true;
}

async function main() {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'c360-screenshots-'));
  console.log(`Serveur de production sur ${base} (données : ${dataDir})…`);
  const server = spawn('npx', ['tsx', 'lib/cli/start.ts'], {
    cwd: ROOT,
    env: { ...process.env, PORT: String(port), DATA_DIR: dataDir, DEMO_PASSWORD: PASSWORD, NODE_ENV: 'production' },
    stdio: ['ignore', 'inherit', 'inherit'],
    detached: true,
  });
  const stop = () => {
    // The whole group: npx → tsx → start.ts → next.
    if (server.pid && server.exitCode === null) process.kill(-server.pid, 'SIGTERM');
  };
  process.once('SIGINT', () => {
    stop();
    process.exit(130);
  });
  let browser: Browser | undefined;
  let count = 0;
  try {
    await waitHealthy(base, server);
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu'] });
    const manager = await signedIn(browser, base, 'manager', false);
    const customer = await demoCustomerId(await manager.newPage());
    await manager.close();
    for (const size of WIDTHS) {
      const contexts = new Map<Role | null, Awaited<ReturnType<typeof signedIn>>>();
      for (const shot of SHOTS) {
        if (ONLY && shot.name !== ONLY) continue;
        const role = size.mobile ? shot.phone : shot.desktop;
        if (!contexts.has(role)) contexts.set(role, await signedIn(browser, base, role, size.mobile));
        const page = await contexts.get(role)!.newPage();
        if (await capture(page, shot.path({ customer }), `${shot.name}-${size.width}.png`)) count++;
        await page.close();
      }
      for (const c of contexts.values()) await c.close();
    }
    console.log(`${count} captures dans ${path.relative(ROOT, OUT)}/`);
  } finally {
    await browser?.close();
    const exited = new Promise((r) => (server.exitCode === null ? server.once('exit', r) : r(null)));
    stop();
    await Promise.race([exited, new Promise((r) => setTimeout(r, 15_000))]);
    await rm(dataDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
