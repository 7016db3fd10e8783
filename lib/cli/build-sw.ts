/**
 * Builds the service worker after `next build` (npm run build and npm start call it): app/sw.ts bundled
 * with esbuild into public/sw.js, with the precache manifest of this build injected as
 * `self.__SW_MANIFEST`. Serwist's Next.js configurator (@serwist/next/config) maps the build output to
 * the URLs Next serves; Next 16 builds with Turbopack, so Serwist's webpack plugin cannot do it.
 */
import { existsSync, rmSync, utimesSync } from 'node:fs';
import path from 'node:path';
import { getManifest } from '@serwist/build';
import { serwist } from '@serwist/next/config';
import { build } from 'esbuild';
import { OFFLINE_FALLBACK, SW_OUTPUT } from '@/lib/offline/cache-policy';

const ROOT = process.cwd();
export const SW_SOURCE = 'app/sw.ts';

export async function buildServiceWorker(root = ROOT): Promise<{ count: number; size: number }> {
  const options = await serwist(
    {
      swSrc: SW_SOURCE,
      swDest: SW_OUTPUT,
      // Code, styles, fonts and icons; pages are per user and cached at run time, never precached.
      // The « Hors ligne » fallback is the one prerendered page kept.
      globPatterns: [
        '.next/static/**/*.{js,css,woff,woff2}',
        'public/**/*.{svg,png,ico,webmanifest}',
        `.next/server/app${OFFLINE_FALLBACK}.html`,
      ],
      globIgnores: ['**/*.map'],
      precachePrerendered: false,
    },
    undefined,
    { cwd: root, isDev: false },
  );
  const { manifestEntries, count, size, warnings } = await getManifest({
    globDirectory: options.globDirectory,
    globPatterns: options.globPatterns,
    globIgnores: options.globIgnores,
    dontCacheBustURLsMatching: options.dontCacheBustURLsMatching,
    manifestTransforms: options.manifestTransforms,
  });
  for (const warning of warnings) console.warn(`[sw] ${warning}`);
  rmSync(path.join(root, `${SW_OUTPUT}.map`), { force: true });
  await build({
    entryPoints: [path.join(root, SW_SOURCE)],
    outfile: path.join(root, SW_OUTPUT),
    bundle: true,
    format: 'iife',
    minify: true,
    target: options.esbuildOptions?.target ?? 'es2020',
    // `@/…` imports resolve through tsconfig.json's paths.
    tsconfig: path.join(root, 'tsconfig.json'),
    define: { 'self.__SW_MANIFEST': JSON.stringify(manifestEntries ?? []) },
    logLevel: 'warning',
  });
  // The worker is part of the build: writing it into public/ must not make `npm start` think the sources
  // changed since the build (lib/cli/start.ts compares their times with BUILD_ID's).
  const buildId = path.join(root, '.next', 'BUILD_ID');
  if (existsSync(buildId)) utimesSync(buildId, new Date(), new Date());
  return { count, size };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  buildServiceWorker().then(
    ({ count, size }) => console.log(`Service worker : ${count} fichiers précachés (${Math.round(size / 1024)} Ko).`),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}
