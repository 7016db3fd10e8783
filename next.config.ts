import type { NextConfig } from 'next';
import { PHASE_DEVELOPMENT_SERVER } from 'next/constants';

// CSP: no unsafe-eval in production; map tiles come from a configurable host, so images allow https.
const contentSecurityPolicy = (isProd: boolean) =>
  [
    "default-src 'self'",
    `script-src 'self' 'unsafe-inline'${isProd ? '' : " 'unsafe-eval'"}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob: https:",
    "font-src 'self' data:",
    "connect-src 'self'",
    // The service worker (public/sw.js, built by lib/cli/build-sw.ts) and the web app manifest: same origin only.
    "worker-src 'self'",
    "manifest-src 'self'",
    "frame-ancestors 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "object-src 'none'",
  ].join('; ');

export default function config(phase: string): NextConfig {
  const isProd = phase !== PHASE_DEVELOPMENT_SERVER;
  return {
    reactStrictMode: true,
    // `npm run typecheck` (tsc) runs on its own in CI; checking twice during the build only costs time.
    typescript: { ignoreBuildErrors: true },
    poweredByHeader: false,
    // Native / WASM / filesystem-heavy packages stay as plain Node requires instead of being bundled.
    serverExternalPackages: [
      '@electric-sql/pglite',
      '@node-rs/argon2',
      'postgres',
      'ioredis',
      'pdfkit',
      'exceljs',
      'nodemailer',
      'file-type',
      'codes-postaux',
    ],
    experimental: {
      // Actions are forms: 2 MB (parsed before the actor is known). Files go through streaming route
      // handlers (documents, legacy import), never through an action. README "Security notes" → "Uploads".
      serverActions: { bodySizeLimit: '2mb' },
    },
    async headers() {
      return [
        {
          source: '/:path*',
          headers: [
            { key: 'X-Content-Type-Options', value: 'nosniff' },
            { key: 'Referrer-Policy', value: 'strict-origin-when-cross-origin' },
            { key: 'Permissions-Policy', value: 'geolocation=(self), camera=(self), microphone=()' },
          ],
        },
        {
          // Document downloads set their own CSP (sandboxed, framable by our preview dialog only):
          // Next would not let a route handler override a header configured here.
          source: '/((?!api/customers/[^/]+/documents/[^/]+$).*)',
          headers: [
            { key: 'Content-Security-Policy', value: contentSecurityPolicy(isProd) },
            { key: 'X-Frame-Options', value: 'DENY' },
          ],
        },
      ];
    },
  };
}
