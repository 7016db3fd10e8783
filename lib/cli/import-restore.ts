import { closeDb, getDb } from '@/db';
import { restoreBackup } from '@/lib/legacy-import/restore';

/** npm run import:restore -- <backup directory or its name under DATA_DIR/backups> */
async function main() {
  const backup = process.argv.slice(2).find((a) => !a.startsWith('--'));
  if (!backup) throw new Error('Usage : npm run import:restore -- <sauvegarde>');
  const r = await restoreBackup(getDb(), backup);
  console.log(
    `Restauration de ${r.backup} : ${r.deletedCustomers} client(s) importé(s) supprimé(s), import(s) ${r.runIds.join(', ')} marqué(s) « restored ».`,
  );
  for (const [table, n] of Object.entries(r.countsAtBackup)) {
    const now = r.countsNow[table as keyof typeof r.countsNow];
    console.log(
      `  ${table.padEnd(18)} sauvegarde ${String(n).padStart(8)}  maintenant ${String(now).padStart(8)}${n === now ? '' : '  (diffère : écritures faites depuis)'}`,
    );
  }
}

main()
  .then(async () => {
    await closeDb();
  })
  .catch(async (error: unknown) => {
    console.error(error instanceof Error ? error.message : String(error));
    await closeDb().catch(() => {});
    process.exit(1);
  });
