import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { CliError } from './args';

/**
 * PGlite does not lock its directory: two processes opening it would each keep their own copy
 * in memory and overwrite each other's writes. `npm start` holds this lock file while the server
 * runs; the CLIs (token, db:migrate, seed:large) take it too and refuse when another live
 * process holds it.
 */
export function lockFile(dataDir: string): string {
  return path.join(dataDir, 'pglite.lock');
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export function acquirePgliteLock(dataDir: string, purpose: string): () => void {
  const file = lockFile(dataDir);
  mkdirSync(dataDir, { recursive: true });
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      writeFileSync(file, JSON.stringify({ pid: process.pid, purpose, since: new Date().toISOString() }), {
        flag: 'wx',
      });
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        rmSync(file, { force: true });
      };
      process.once('exit', release);
      return release;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      let holder: { pid?: number; purpose?: string } = {};
      try {
        holder = JSON.parse(readFileSync(file, 'utf8'));
      } catch {
        // Unreadable lock: treat as stale.
      }
      if (holder.pid && holder.pid !== process.pid && alive(holder.pid))
        throw new CliError(
          `La base PGlite de ${dataDir} est ouverte par un autre processus (pid ${holder.pid}, ${holder.purpose ?? 'inconnu'}) : un seul processus à la fois. Arrêtez l'application (ou utilisez DATABASE_URL) puis relancez la commande.`,
        );
      rmSync(file, { force: true }); // stale: its process is gone
    }
  }
  throw new CliError(`Impossible de prendre le verrou ${file}.`);
}
