/**
 * Clean shutdown of the server process (installed by instrumentation.ts, once per process).
 *
 * `next start` already handles SIGTERM/SIGINT (node_modules/next/dist/server/lib/start-server.js):
 * it stops accepting connections, waits for the requests in flight (server.close), then calls
 * process.exit(143 / 130). Two things are missing and added here: that wait has no bound, and the
 * exit does not close our database handle (the PostgreSQL pool, or PGlite, whose data directory
 * is then left "in production" and replayed at the next start). So on the first signal we hold
 * Next's process.exit until the handle is closed, and force the exit after `graceMs`.
 */
export const SHUTDOWN_GRACE_MS = 10_000;
const CLOSE_TIMEOUT_MS = 3_000;
const SIGNAL_EXIT_CODES = { SIGINT: 130, SIGTERM: 143 } as const;
type ShutdownSignal = keyof typeof SIGNAL_EXIT_CODES;

export interface GracefulShutdownOptions {
  /** Closes what the process holds open (the database handle). */
  close: () => Promise<void>;
  graceMs?: number;
  closeTimeoutMs?: number;
  log?: (line: string) => void;
}

const installed = globalThis as unknown as { __c360Shutdown?: boolean };

function withTimeout(promise: Promise<void>, ms: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`pas de réponse en ${ms / 1000} s`)), ms);
    promise.then(
      () => (clearTimeout(timer), resolve()),
      (error: unknown) => (clearTimeout(timer), reject(error)),
    );
  });
}

export function installGracefulShutdown(options: GracefulShutdownOptions): void {
  if (installed.__c360Shutdown) return;
  installed.__c360Shutdown = true;
  const graceMs = options.graceMs ?? SHUTDOWN_GRACE_MS;
  const log = options.log ?? ((line: string) => console.log(line));
  const realExit = process.exit.bind(process);
  let finishing: Promise<void> | undefined;
  let signalled = false;

  const finish = (code: number) => {
    finishing ??= (async () => {
      try {
        await withTimeout(options.close(), options.closeTimeoutMs ?? CLOSE_TIMEOUT_MS);
        log('[arrêt] base de données fermée proprement.');
      } catch (error) {
        log(`[arrêt] fermeture de la base incomplète : ${error instanceof Error ? error.message : String(error)}`);
      }
      realExit(code);
    })();
    return finishing;
  };

  const onSignal = (signal: ShutdownSignal) => {
    if (signalled) return; // Ctrl+C reaches both `npm start` and this process: one shutdown
    signalled = true;
    const code = SIGNAL_EXIT_CODES[signal];
    log(`[arrêt] ${signal} reçu : fin des requêtes en cours (au plus ${graceMs / 1000} s)…`);
    process.exit = ((exitCode?: number | string | null) => {
      void finish(typeof exitCode === 'number' ? exitCode : code);
    }) as typeof process.exit;
    setTimeout(() => {
      log(`[arrêt] requêtes encore en cours après ${graceMs / 1000} s : arrêt forcé.`);
      void finish(code);
    }, graceMs);
    // Without Next's handler (NEXT_MANUAL_SIG_HANDLE) nobody drains: close at once.
    if (process.listeners(signal).every((listener) => listener === onSignal)) void finish(code);
  };
  for (const signal of Object.keys(SIGNAL_EXIT_CODES) as ShutdownSignal[]) process.on(signal, onSignal);
}
