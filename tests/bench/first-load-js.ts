/**
 * First-load JavaScript (README › Benchmarks): for each route, the HTML served by the production server is read,
 * every `<script src>` (but `<script noModule>`) and `<link rel=preload as=script>` chunk is fetched and gzipped with zlib
 * (level 9), and the sizes are summed. Target: the customer page ≤ 200 kB gzipped, with chart.js and
 * Leaflet absent from it (they are lazy-loaded).
 */
import { gzipSync } from 'node:zlib';
import { fmt, info, record, timeGet } from './common';
import type { BenchContext } from './context';
import { TABS } from './pages';

/**
 * Strings that survive minification: chart.js's own error message, Leaflet's CSS class names, zod's error
 * class name, libphonenumber's error code. The first two are lazy-loaded by the customer page; the forms'
 * validation libraries (zod, libphonenumber) are fetched on a form's first focus, by no page's first load.
 */
const MARKERS = {
  'chart.js': /Canvas is already in use|chartjs-render-monitor|chartjs-size-monitor/,
  leaflet: /leaflet-container|leaflet-pane/,
  zod: /"ZodError"/,
  libphonenumber: /INVALID_COUNTRY/,
};
const FORM_LIBS = ['zod', 'libphonenumber'];

function scriptUrls(html: string): string[] {
  const urls = new Set<string>();
  for (const m of html.matchAll(/<script\b[^>]*\bsrc="([^"]+)"[^>]*>/g)) {
    // `<script noModule>` is Next's legacy polyfill bundle (~39 kB gzip): browsers that run modules, every
    // browser the app supports, never download it, so it is not part of any page's first load.
    if (/\bnomodule\b/i.test(m[0])) continue;
    urls.add(m[1].replace(/&amp;/g, '&'));
  }
  for (const m of html.matchAll(/<link\b[^>]*>/g)) {
    const tag = m[0];
    if (/rel="(preload|modulepreload)"/.test(tag) && (/as="script"/.test(tag) || /modulepreload/.test(tag))) {
      const href = /href="([^"]+)"/.exec(tag);
      if (href) urls.add(href[1].replace(/&amp;/g, '&'));
    }
  }
  return [...urls];
}

const chunkCache = new Map<string, { gz: number; raw: number; libs: string[] }>();

async function chunk(base: string, src: string) {
  const url = new URL(src, base).toString();
  const hit = chunkCache.get(url);
  if (hit) return hit;
  const res = await fetch(url);
  if (!res.ok) throw new Error(`${url} : HTTP ${res.status}`);
  const buf = Buffer.from(await res.arrayBuffer());
  const text = buf.toString('utf8');
  const entry = {
    gz: gzipSync(buf, { level: 9 }).length,
    raw: buf.length,
    libs: Object.entries(MARKERS)
      .filter(([, re]) => re.test(text))
      .map(([k]) => k),
  };
  chunkCache.set(url, entry);
  return entry;
}

export async function measureRoute(base: string, route: string, cookie: string | null) {
  const res = await timeGet(base + route, cookie ? { cookie } : {});
  if (res.status !== 200) throw new Error(`${route} : HTTP ${res.status}`);
  const srcs = scriptUrls(res.body);
  let gz = 0;
  let raw = 0;
  const libs = new Set<string>();
  for (const s of srcs) {
    const c = await chunk(base, s);
    gz += c.gz;
    raw += c.raw;
    c.libs.forEach((l) => libs.add(l));
  }
  return {
    scripts: srcs.length,
    gzKb: gz / 1024,
    rawKb: raw / 1024,
    htmlGzKb: gzipSync(Buffer.from(res.body), { level: 9 }).length / 1024,
    libs: [...libs],
  };
}

export async function runFirstLoadJs(ctx: BenchContext): Promise<void> {
  console.log('\n== JavaScript au premier chargement (somme des chunks <script> gzip -9, par route)');
  const app = await ctx.app();
  const cookie = await ctx.cookie();
  const id = ctx.fixtures.pageCustomerId;
  const routes: [string, string | null][] = [
    ['/login', null],
    ['/customers', cookie],
    ['/customers/new', cookie],
    ...TABS.map((t): [string, string] => [`/customers/${id}${t}`, cookie]),
    [`/customers/${id}/edit`, cookie],
    ['/customers/nearby', cookie],
    ['/ma-journee', cookie],
  ];
  for (const [route, c] of routes) {
    const m = await measureRoute(app.url, route, c);
    const label = route.replace(id, '{id}');
    const libs = m.libs.length ? `contient ${m.libs.join(', ')}` : 'sans chart.js, Leaflet, zod ni libphonenumber';
    const formLibs = m.libs.filter((l) => FORM_LIBS.includes(l)).length;
    record('first-load', `zod/libphonenumber absents de ${label}`, formLibs, 'lib.', { max: 0 });
    if (label.startsWith('/customers/{id}') && !label.endsWith('/edit')) {
      record('first-load', `JS ${label}`, m.gzKb, 'kB', {
        max: 200,
        note: `${m.scripts} scripts, ${fmt(m.rawKb, 0)} kB bruts, ${libs}`,
      });
      record('first-load', `chart.js/Leaflet absents de ${label}`, m.libs.length - formLibs, 'lib.', { max: 0 });
    } else {
      info(
        `JS ${label.padEnd(28)} ${fmt(m.gzKb)} kB gzip (${m.scripts} scripts, ${fmt(m.rawKb, 0)} kB bruts, HTML ${fmt(m.htmlGzKb)} kB gzip), ${libs}`,
      );
      record('first-load', `JS ${label}`, m.gzKb, 'kB');
    }
  }
}
