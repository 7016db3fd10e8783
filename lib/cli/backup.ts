/**
 * npm run backup [-- --out <fichier.tar | répertoire>]
 *
 * Writes one archive (database dump, documents, manifest) into DATA_DIR/backups, or where --out
 * says. PostgreSQL is dumped online with pg_dump; the embedded PGlite can be opened by one process
 * only, so stop the application first (the command says so when it is running).
 */
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { closeDb, getDbHandle } from '@/db';
import { createBackup } from '@/lib/backup/create';
import { BackupError } from '@/lib/backup/database';
import { isEmptyDir } from '@/lib/backup/pglite';
import { describeManifest, fmtBytes, reportLine } from '@/lib/backup/report';
import { dataDir, env, EnvError } from '@/lib/env';
import { getStorage } from '@/lib/storage';
import { CliError, parseFlags } from './args';
import { acquirePgliteLock } from './pglite-lock';

const argsSchema = z.object({ out: z.string().min(1, '--out : chemin vide').optional() }).strict();

export function defaultArchiveName(date = new Date()): string {
  return `customer-360-${date.toISOString().replace(/[:.]/g, '-')}.tar`;
}

function outputPath(out: string | undefined, dir: string, now: Date): string {
  if (!out) return path.join(dir, 'backups', defaultArchiveName(now));
  const resolved = path.resolve(out);
  const isDir = out.endsWith('/') || (existsSync(resolved) && statSync(resolved).isDirectory());
  return isDir ? path.join(resolved, defaultArchiveName(now)) : resolved;
}

async function main() {
  const parsed = argsSchema.safeParse(parseFlags(process.argv.slice(2)));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const message = issue.code === 'unrecognized_keys' ? `Option inconnue : --${issue.keys[0]}` : issue.message;
    throw new CliError(`${message}. Usage : npm run backup [-- --out <fichier.tar | répertoire>]`);
  }
  const config = env();
  const dir = dataDir();
  if (!config.DATABASE_URL) {
    acquirePgliteLock(dir, 'npm run backup');
    if (isEmptyDir(path.join(dir, 'pglite')))
      throw new CliError(`Aucune base PGlite dans ${dir} : rien à sauvegarder (DATA_DIR est-il le bon ?).`);
  }
  const now = new Date();
  const out = outputPath(parsed.data.out, dir, now);
  const handle = getDbHandle();
  const result = await createBackup({ handle, storage: await getStorage(), dataDir: dir, out, now });
  console.log(`Sauvegarde écrite : ${result.file} (${fmtBytes(result.bytes)})`);
  for (const line of describeManifest(result.manifest)) console.log(line);
  console.log(reportLine('Vérifier', `npm run restore -- ${result.file} --check`));
}

main()
  .then(() => closeDb())
  .catch(async (error: unknown) => {
    if (error instanceof CliError || error instanceof EnvError || error instanceof BackupError)
      console.error(error.message);
    else console.error(error);
    await closeDb().catch(() => {});
    process.exit(1);
  });
