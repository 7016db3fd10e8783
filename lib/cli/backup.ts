/**
 * npm run backup [-- --out <fichier.tar | répertoire>] [--no-prune]
 *
 * Writes one archive (database dump, documents, manifest) into DATA_DIR/backups, or where --out
 * says. PostgreSQL is dumped online with pg_dump; the embedded PGlite can be opened by one process
 * only, so stop the application first (the command says so when it is running). Then the archives
 * of the same directory older than BACKUP_RETENTION_DAYS are deleted (not with --no-prune).
 */
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { closeDb, getDbHandle } from '@/db';
import { createBackup } from '@/lib/backup/create';
import { BackupError } from '@/lib/backup/database';
import { isEmptyDir } from '@/lib/backup/pglite';
import { archiveName, pruneArchives, pruneImportBackups } from '@/lib/backup/prune';
import { describeManifest, fmtBytes, reportLine } from '@/lib/backup/report';
import { dataDir, env, EnvError } from '@/lib/env';
import { getStorage } from '@/lib/storage';
import { CliError, parseFlags } from './args';
import { acquirePgliteLock } from './pglite-lock';

const USAGE = 'Usage : npm run backup [-- --out <fichier.tar | répertoire>] [--no-prune]';
const argsSchema = z
  .object({ out: z.string().min(1, '--out : chemin vide').optional(), prune: z.boolean().optional() })
  .strict();

/** The archive's path, and whether it carries the dated name that retention recognises. */
function outputPath(out: string | undefined, dir: string, now: Date): { file: string; dated: boolean } {
  if (!out) return { file: path.join(dir, 'backups', archiveName(now)), dated: true };
  const resolved = path.resolve(out);
  const isDir = out.endsWith('/') || (existsSync(resolved) && statSync(resolved).isDirectory());
  return isDir ? { file: path.join(resolved, archiveName(now)), dated: true } : { file: resolved, dated: false };
}

async function main() {
  const parsed = argsSchema.safeParse(parseFlags(process.argv.slice(2), { booleans: ['prune'] }));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const message = issue.code === 'unrecognized_keys' ? `Option inconnue : --${issue.keys[0]}` : issue.message;
    throw new CliError(`${message}. ${USAGE}`);
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
  const result = await createBackup({ handle, storage: await getStorage(), dataDir: dir, out: out.file, now });
  console.log(`Sauvegarde écrite : ${result.file} (${fmtBytes(result.bytes)})`);
  for (const line of describeManifest(result.manifest)) console.log(line);
  console.log(reportLine('Vérifier', `npm run restore -- ${result.file} --check`));
  if (out.dated && parsed.data.prune !== false) {
    const days = config.BACKUP_RETENTION_DAYS;
    const removed = await pruneArchives(path.dirname(result.file), days, now, result.file);
    // The legacy-import backups (DATA_DIR/backups/<date>-<run>/) follow the same retention.
    removed.push(...(await pruneImportBackups(path.join(dir, 'backups'), days, now)));
    console.log(
      reportLine(
        'Rétention',
        removed.length
          ? `${removed.length} sauvegarde(s) de plus de ${days} jours supprimée(s) : ${removed.map((f) => path.basename(f)).join(', ')}`
          : `aucune archive de plus de ${days} jours (BACKUP_RETENTION_DAYS)`,
      ),
    );
  }
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
