import type { ChildProcess } from 'node:child_process';
import { constants } from 'node:os';

/**
 * `npm start` runs `next start` as a child. On SIGTERM/SIGINT it forwards the signal, waits for
 * the server to drain and exit (the server bounds its own drain, lib/shutdown.ts), and kills it
 * only if it is still there after `graceMs`; a second signal kills it at once. Resolves with the
 * exit code for `npm start`: 0 when the server stopped cleanly because it was asked to.
 */
export interface SuperviseOptions {
  graceMs: number;
  log?: (line: string) => void;
}

const FORWARDED = ['SIGINT', 'SIGTERM'] as const;

export function superviseChild(child: ChildProcess, options: SuperviseOptions): Promise<number> {
  const log = options.log ?? ((line: string) => console.error(line));
  let requested: NodeJS.Signals | null = null;
  let forced = false;
  let timer: NodeJS.Timeout | undefined;

  const onSignal = (signal: NodeJS.Signals) => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    if (requested) {
      forced = true;
      log(`Second signal ${signal} : arrêt immédiat du serveur.`);
      child.kill('SIGKILL');
      return;
    }
    requested = signal;
    child.kill(signal);
    timer = setTimeout(() => {
      forced = true;
      log(`Le serveur ne s'est pas arrêté en ${options.graceMs / 1000} s : arrêt forcé.`);
      child.kill('SIGKILL');
    }, options.graceMs);
  };
  for (const signal of FORWARDED) process.on(signal, onSignal);

  return new Promise((resolve) => {
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      for (const s of FORWARDED) process.off(s, onSignal);
      if (requested && !forced) {
        // Next exits with 128 + signal number after a clean shutdown (or dies of the signal).
        const expected = 128 + constants.signals[requested];
        if (code === expected || code === 0 || signal === requested) return resolve(0);
      }
      resolve(code ?? (signal ? 128 + constants.signals[signal] : 1));
    });
  });
}
