import path from 'node:path';
import { closeDb, getDb } from '@/db';
import { migrateDb } from '@/db/migrate';
import { getDbHandle } from '@/db';
import { SYSTEM_ACTOR } from '@/lib/auth/actor';
import { REJECT_LABELS, type RejectCode } from '@/lib/legacy-import/map';
import { importLegacy, SKIP_LABELS, type ImportReport, type SkipCode } from '@/lib/legacy-import/run';

/**
 * npm run import:legacy -- <file> [--dry-run] [--report out.json] [--resume-from <line>] [--batch-size N]
 * Exit code 0 when the run completed (rejected rows are reported, not fatal), 1 when it failed midway.
 */
const USAGE =
  'Usage : npm run import:legacy -- <fichier.csv|json> [--dry-run] [--report rapport.json] [--resume-from <ligne>] [--batch-size N]';

function parseArgs(argv: string[]) {
  const out: { file?: string; dryRun: boolean; report?: string; resumeFrom?: number; batchSize?: number } = {
    dryRun: false,
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--dry-run') out.dryRun = true;
    else if (a === '--report') out.report = argv[++i];
    else if (a === '--resume-from') out.resumeFrom = Number(argv[++i]);
    else if (a === '--batch-size') out.batchSize = Number(argv[++i]);
    else if (a.startsWith('--')) throw new Error(`Option inconnue : ${a}\n${USAGE}`);
    else out.file = a;
  }
  if (!out.file) throw new Error(USAGE);
  if (out.resumeFrom !== undefined && !(out.resumeFrom > 0))
    throw new Error('--resume-from attend un numéro de ligne.');
  if (out.batchSize !== undefined && !(out.batchSize > 0)) throw new Error('--batch-size attend un entier positif.');
  return out;
}

export function formatSummary(r: ImportReport): string {
  const s = r.stats;
  const lines = [
    `${r.dryRun ? 'Simulation (rien n’a été écrit)' : 'Import'} de ${r.file} (${r.format.toUpperCase()}, ${r.encoding})`,
    `  lus                 : ${s.read}`,
    `  ${r.dryRun ? 'à importer' : 'importés '}          : ${s.imported}`,
    `  mis à jour          : ${s.updated}`,
    `  ignorés (doublons)  : ${s.skippedDuplicate}`,
    ...Object.entries(s.skippedByReason).map(([k, n]) => `      ${SKIP_LABELS[k as SkipCode]} : ${n}`),
    `  rejetés             : ${s.rejected}`,
    ...Object.entries(s.rejectedByReason).map(([k, n]) => `      ${REJECT_LABELS[k as RejectCode]} : ${n}`),
  ];
  const rejected = r.rows.filter((row) => row.status === 'rejected');
  if (rejected.length) {
    lines.push('Lignes rejetées :');
    for (const row of rejected)
      lines.push(`  ligne ${row.line} (id ${row.legacyId || '?'}) : ${row.reasons?.map((x) => x.message).join(' ; ')}`);
  }
  const erased = r.rows.filter((row) => row.skip?.code === 'erased');
  if (erased.length) {
    lines.push('Lignes de personnes effacées (RGPD), non recréées :');
    for (const row of erased) lines.push(`  ligne ${row.line} (id ${row.legacyId || '?'}) : ${row.skip?.message}`);
  }
  if (r.backupPath)
    lines.push(`Sauvegarde : ${r.backupPath} (restaurer : npm run import:restore -- ${path.basename(r.backupPath)})`);
  if (r.failure)
    lines.push(
      `ÉCHEC au lot commençant ligne ${r.failure.resumeFrom} : ${r.failure.message}`,
      `La base est dans l’état d’avant ce lot. Reprendre avec : npm run import:legacy -- ${r.file} --resume-from ${r.failure.resumeFrom}`,
    );
  return lines.join('\n');
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  await migrateDb(getDbHandle());
  const report = await importLegacy(
    getDb(),
    { ...SYSTEM_ACTOR, name: 'Import ancien système (CLI)' },
    {
      file: path.resolve(args.file!),
      dryRun: args.dryRun,
      reportPath: args.report ? path.resolve(args.report) : undefined,
      resumeFrom: args.resumeFrom,
      batchSize: args.batchSize,
    },
  );
  console.log(formatSummary(report));
  if (args.report) console.log(`Rapport détaillé : ${path.resolve(args.report)}`);
  return report.failure ? 1 : 0;
}

main()
  .then(async (code) => {
    await closeDb();
    process.exit(code);
  })
  .catch(async (error: unknown) => {
    console.error(error instanceof Error ? error.message : String(error));
    await closeDb().catch(() => {});
    process.exit(1);
  });
