/**
 * npm run restore -- <archive.tar> [--check]
 *
 * Restores an archive of `npm run backup` into an EMPTY target: the embedded PGlite of DATA_DIR
 * (DATABASE_URL unset) or the DATABASE_URL database, plus the documents' storage. The archive is
 * verified against its manifest first; the row counts are compared after the restore.
 * --check only verifies the archive.
 */
import path from 'node:path';
import { z } from 'zod';
import { BackupError } from '@/lib/backup/database';
import { describeManifest, fmtBytes, fmtInt, reportLine } from '@/lib/backup/report';
import { restoreBackup } from '@/lib/backup/restore';
import { verifyArchive } from '@/lib/backup/verify';
import { dataDir, env } from '@/lib/env';
import { getStorage } from '@/lib/storage';
import { CliError, parseFlags } from './args';
import { acquirePgliteLock } from './pglite-lock';
import { runCli } from './run';

const USAGE = 'Usage : npm run restore -- <archive.tar> [--check]';
const argsSchema = z.object({ check: z.boolean().optional() }).strict();

async function main() {
  const argv = process.argv.slice(2);
  const positional = argv.filter((a) => !a.startsWith('--'));
  if (positional.length !== 1) throw new CliError(`Indiquez une archive. ${USAGE}`);
  const parsed = argsSchema.safeParse(
    parseFlags(
      argv.filter((a) => a.startsWith('--')),
      { booleans: ['check'] },
    ),
  );
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new CliError(
      `${issue.code === 'unrecognized_keys' ? `Option inconnue : --${issue.keys[0]}` : issue.message}. ${USAGE}`,
    );
  }
  const archive = path.resolve(positional[0]);
  if (parsed.data.check) {
    const { manifest } = await verifyArchive(archive);
    console.log(`Archive intègre : ${archive} (${manifest.files.length} entrées vérifiées)`);
    for (const line of describeManifest(manifest)) console.log(line);
    return;
  }
  const config = env();
  const dir = dataDir();
  if (!config.DATABASE_URL) acquirePgliteLock(dir, 'npm run restore');
  const target = config.DATABASE_URL
    ? ({ driver: 'postgres', url: config.DATABASE_URL } as const)
    : ({ driver: 'pglite', dir: path.join(dir, 'pglite') } as const);
  const r = await restoreBackup({ archive, target, storage: await getStorage(), dataDir: dir });
  const where = target.driver === 'pglite' ? target.dir : 'la base DATABASE_URL';
  console.log(`Restauration terminée dans ${where} :`);
  for (const line of describeManifest(r.manifest)) console.log(line);
  console.log(reportLine('Vérifié', `${r.tables} tables, ${fmtInt(r.rows)} lignes, comptes identiques au manifeste`));
  if (r.manifest.documents.copied)
    console.log(
      reportLine(
        'Restauré',
        `${fmtInt(r.documents)} document(s), ${fmtBytes(r.documentBytes)}, sommes SHA-256 vérifiées`,
      ),
    );
  else
    console.log(reportLine('Restauré', 'documents restés sur UploadThing : vérifiez-les avec npm run storage:check'));
  const secret = {
    restored: "secret d'authentification restauré (les sessions restent valides)",
    kept: "secret d'authentification du répertoire conservé (les utilisateurs se reconnecteront)",
    absent: "pas de secret d'authentification dans l'archive (AUTH_SECRET vient de l'environnement)",
  }[r.authSecret];
  console.log(reportLine('Restauré', secret));
  console.log(
    reportLine(
      'RGPD',
      r.tombstones === 'deferred'
        ? 'effacements postérieurs à l’archive : ré-appliqués par npm start après les migrations'
        : `${r.tombstones.erased} client(s) effacé(s) depuis l’archive de nouveau effacé(s)`,
    ),
  );
  if (r.pendingMigrations)
    console.log(reportLine('Migrations', `${r.pendingMigrations} plus récente(s) seront appliquées par npm start`));
}

runCli(main, [BackupError]);
