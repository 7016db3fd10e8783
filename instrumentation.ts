/**
 * Next.js calls register() once when the server process starts (before the first request).
 * Node runtime only (the documented form, so the edge build drops the imports): bounded drain and
 * database close on SIGTERM/SIGINT, see lib/shutdown.ts.
 */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME === 'nodejs') {
    const [{ installGracefulShutdown }, { closeDb }] = await Promise.all([import('./lib/shutdown'), import('./db')]);
    installGracefulShutdown({ close: closeDb });
  }
}
