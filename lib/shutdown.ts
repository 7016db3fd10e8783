import type { Server } from 'node:http';

/**
 * Clean shutdown of the HTTP server process (lib/cli/serve.ts). On SIGTERM/SIGINT: stop accepting
 * connections, let the requests in flight finish for at most `graceMs`, then cut what is left
 * (their uploads fail and remove their partial files while the database is still open), then close
 * Next and the database handle (the PostgreSQL pool, or PGlite: otherwise its data directory is
 * left "in production" and replayed at the next start), and exit.
 */
export const SHUTDOWN_GRACE_MS = 10_000;
const SETTLE_MS = 500;
const CLOSE_TIMEOUT_MS = 5_000;

export interface DrainOptions {
  /** Closes what the process holds open once no request runs any more (Next, the database). */
  close: () => Promise<void>;
  graceMs?: number;
  log?: (line: string) => void;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

function withTimeout(promise: Promise<void>, ms: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`pas de réponse en ${ms / 1000} s`)), ms);
    promise.then(
      () => (clearTimeout(timer), resolve()),
      (error: unknown) => (clearTimeout(timer), reject(error)),
    );
  });
}

/** Resolves once the server is closed and `close` has run; `forced` when requests had to be cut. */
export async function drainServer(server: Server, options: DrainOptions): Promise<{ forced: boolean }> {
  const graceMs = options.graceMs ?? SHUTDOWN_GRACE_MS;
  const log = options.log ?? ((line: string) => console.log(line));
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  // Keep-alive sockets go as soon as they are idle, including those whose request just finished.
  server.closeIdleConnections();
  const idle = setInterval(() => server.closeIdleConnections(), 100);
  const forced = await Promise.race([closed.then(() => false), sleep(graceMs).then(() => true)]);
  clearInterval(idle);
  if (forced) {
    log(`[arrêt] requêtes encore en cours après ${graceMs / 1000} s : arrêt forcé.`);
    server.closeAllConnections();
    // The cut requests' handlers see their streams fail and clean up (temp files, transactions).
    await Promise.all([closed, sleep(SETTLE_MS)]);
  }
  try {
    await withTimeout(options.close(), CLOSE_TIMEOUT_MS);
    log('[arrêt] base de données fermée proprement.');
  } catch (error) {
    log(`[arrêt] fermeture incomplète : ${error instanceof Error ? error.message : String(error)}`);
  }
  return { forced };
}

/** One shutdown per process: Ctrl+C reaches both `npm start` and the server, which then forwards it again. */
export function shutdownOnSignal(server: Server, options: DrainOptions): void {
  let started = false;
  const shutdown = (reason: string) => {
    if (started) return;
    started = true;
    (options.log ?? console.log)(
      `[arrêt] ${reason} : fin des requêtes en cours (au plus ${(options.graceMs ?? SHUTDOWN_GRACE_MS) / 1000} s)…`,
    );
    void drainServer(server, options).finally(() => process.exit(0));
  };
  process.on('SIGTERM', () => shutdown('SIGTERM reçu'));
  process.on('SIGINT', () => shutdown('SIGINT reçu'));
  // Started by a supervisor with an IPC channel (npm start, lib/cli/start.ts): if the supervisor dies without
  // forwarding a signal (SIGKILL), the channel closes; shut down the same way instead of living on, orphaned,
  // holding the port and the database (a second npm start would then talk to this stale server).
  if (process.send) process.once('disconnect', () => shutdown('superviseur arrêté'));
}
