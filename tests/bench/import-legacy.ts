/**
 * Legacy import of 100k rows (issue 9: under 2 minutes on the local PostgreSQL). Generates a
 * deterministic legacy file in the fixture's format (legacy-file.ts) in a temporary directory,
 * recreates the scratch database c360_bench_import on the benchmark server (never c360_large or
 * test), migrates it, then times `importLegacy` — the function `npm run import:legacy` calls, with
 * the CLI's options, backup included (DATA_DIR = the temporary directory) — and checks the counts
 * against what the generator put in the file. A second run of the same file must import 0 rows.
 *   npm run bench -- import           (or: npx tsx tests/bench/import-legacy.ts)
 * BENCH_IMPORT_ROWS (100000), BENCH_IMPORT_KEEP=1 keeps the database and the directory.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import postgres from 'postgres';
import { openPostgres } from '@/db';
import { migrateDb } from '@/db/migrate';
import { SYSTEM_ACTOR } from '@/lib/auth/actor';
import { resetEnvCache } from '@/lib/env';
import { importLegacy, type ImportReport } from '@/lib/legacy-import/run';
import { fmt, info, LARGE_DB, record, withDatabase } from './common';
import { generateLegacyFile, type LegacyFileExpectation } from './legacy-file';

const ROWS = Number(process.env.BENCH_IMPORT_ROWS ?? 100_000);
const KEEP = process.env.BENCH_IMPORT_KEEP === '1';
const SCRATCH_DB = 'c360_bench_import';
const TARGET_S = 120;
// The CLI's actor and options (lib/cli/import-legacy.ts): default batch size, report in memory.
const ACTOR = { ...SYSTEM_ACTOR, name: 'Import ancien système (CLI)' };

async function recreateScratch(): Promise<string> {
  const admin = postgres(withDatabase(LARGE_DB, 'postgres'), { max: 1, onnotice: () => {} });
  try {
    await admin.unsafe(`DROP DATABASE IF EXISTS "${SCRATCH_DB}" WITH (FORCE)`);
    await admin.unsafe(`CREATE DATABASE "${SCRATCH_DB}"`);
  } finally {
    await admin.end();
  }
  return withDatabase(LARGE_DB, SCRATCH_DB);
}

async function dropScratch(): Promise<void> {
  const admin = postgres(withDatabase(LARGE_DB, 'postgres'), { max: 1, onnotice: () => {} });
  await admin.unsafe(`DROP DATABASE IF EXISTS "${SCRATCH_DB}" WITH (FORCE)`).finally(() => admin.end());
}

/** Differences between the report and what the generator wrote (empty = exact). */
function countGaps(report: ImportReport, expected: LegacyFileExpectation): string[] {
  const s = report.stats;
  const gaps: string[] = [];
  const check = (label: string, got: number | undefined, want: number) => {
    if ((got ?? 0) !== want) gaps.push(`${label} ${got ?? 0} ≠ ${want}`);
  };
  check('lus', s.read, expected.read);
  check('importés', s.imported, expected.imported);
  check('rejetés', s.rejected, expected.rejected);
  for (const [code, n] of Object.entries(expected.rejectedByReason))
    check(code, s.rejectedByReason[code as keyof typeof s.rejectedByReason], n);
  check('duplicate-line', s.skippedByReason['duplicate-line'], expected.skippedByReason['duplicate-line']);
  check(
    'duplicate-in-file + duplicate-customer',
    (s.skippedByReason['duplicate-in-file'] ?? 0) + (s.skippedByReason['duplicate-customer'] ?? 0),
    expected.skippedSameCustomer,
  );
  if (report.failure) gaps.push(`échec ligne ${report.failure.line} : ${report.failure.message}`);
  return gaps;
}

export async function runImportLegacy(): Promise<void> {
  console.log(
    `\n== Import ancien système : ${ROWS} lignes (importLegacy, comme npm run import:legacy, sauvegarde comprise)`,
  );
  const dir = mkdtempSync(path.join(os.tmpdir(), 'c360-bench-import-'));
  const previousDataDir = process.env.DATA_DIR;
  let t = performance.now();
  const generated = generateLegacyFile(dir, ROWS);
  const e = generated.expected;
  info(
    `fichier généré en ${fmt((performance.now() - t) / 1000)} s : ${fmt(generated.bytes / 1024 / 1024)} Mo Windows-1252 ; attendu ${e.imported} importés, ${e.rejected} rejetés, ${e.skippedByReason['duplicate-line']} lignes identiques, ${e.skippedSameCustomer} clients saisis deux fois`,
  );
  const url = await recreateScratch();
  // Same pool size as the CLI (getDbHandle → openPostgres(url)).
  const handle = openPostgres(url);
  try {
    await migrateDb(handle);
    process.env.DATA_DIR = dir; // the backup goes to DATA_DIR/backups, as with the CLI
    resetEnvCache();

    t = performance.now();
    const first = await importLegacy(handle.db, ACTOR, { file: generated.file });
    const seconds = (performance.now() - t) / 1000;
    const s = first.stats;
    const gaps = countGaps(first, e);
    info(
      `1re passe : ${s.read} lus, ${s.imported} importés, ${s.skippedDuplicate} doublons ignorés, ${s.rejected} rejetés (${Object.entries(
        s.rejectedByReason,
      )
        .map(([k, n]) => `${k} ${n}`)
        .join(', ')}) ; sauvegarde ${first.backupPath}`,
    );
    record('import', `import ancien système ${ROWS} lignes : durée`, seconds, 's', {
      max: TARGET_S,
      note: `${s.imported} importés, ${s.rejected} rejetés, ${s.skippedDuplicate} doublons`,
    });
    record('import', `import ancien système ${ROWS} lignes : débit`, s.read / seconds, 'lignes/s');
    record('import', 'import ancien système : écarts avec le contenu du fichier', gaps.length, 'écarts', {
      max: 0,
      note: gaps.length ? gaps.join(' ; ') : 'comptes exacts par motif',
    });

    t = performance.now();
    const second = await importLegacy(handle.db, ACTOR, { file: generated.file });
    record('import', `réimport du même fichier : durée`, (performance.now() - t) / 1000, 's', {
      note: `${second.stats.imported} importé(s), ${second.stats.skippedByReason['already-imported'] ?? 0} déjà importés`,
    });
    record('import', 'réimport du même fichier : lignes importées', second.stats.imported, 'lignes', { max: 0 });
  } finally {
    await handle.close();
    if (previousDataDir === undefined) delete process.env.DATA_DIR;
    else process.env.DATA_DIR = previousDataDir;
    resetEnvCache();
    if (KEEP) info(`conservés : base ${SCRATCH_DB}, répertoire ${dir}`);
    else {
      await dropScratch();
      rmSync(dir, { recursive: true, force: true });
    }
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  runImportLegacy()
    .then(() => process.exit(0))
    .catch((error: unknown) => {
      console.error(error);
      process.exit(1);
    });
}
