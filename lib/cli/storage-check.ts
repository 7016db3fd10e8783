import { closeDb, getDb, getDbHandle } from '@/db';
import { migrateDb } from '@/db/migrate';
import { getStorage } from '@/lib/storage';
import { checkStorage } from '@/lib/storage/check';

/**
 * npm run storage:check — lists orphan files (no live row) and orphan rows (no file).
 * Exit 0 when storage and database agree, 1 when anything is orphaned (or the check failed).
 */
async function main(): Promise<number> {
  await migrateDb(getDbHandle());
  const storage = await getStorage();
  const r = await checkStorage(getDb(), storage);
  console.log(`Stockage : ${r.backend} — ${r.files} fichier(s), ${r.rows} document(s) actif(s) en base.`);
  if (r.orphanFiles.length) {
    console.log(`Fichiers orphelins (aucun document en base) : ${r.orphanFiles.length}`);
    for (const key of r.orphanFiles) console.log(`  fichier ${key}`);
  }
  if (r.orphanRows.length) {
    console.log(`Documents sans fichier : ${r.orphanRows.length}`);
    for (const row of r.orphanRows)
      console.log(`  document ${row.id} (client ${row.customerId}, « ${row.originalName} ») → clé ${row.storageKey}`);
  }
  if (r.temporaryFiles.length) {
    console.log(`Fichiers temporaires d'écritures interrompues : ${r.temporaryFiles.length}`);
    for (const f of r.temporaryFiles) console.log(`  ${f}`);
  }
  const bad = r.orphanFiles.length + r.orphanRows.length + r.temporaryFiles.length;
  console.log(bad ? 'Incohérences trouvées.' : 'Aucun orphelin : stockage et base concordent.');
  return bad ? 1 : 0;
}

main()
  .then(async (code) => {
    await closeDb();
    process.exit(code);
  })
  .catch(async (error) => {
    console.error(`Vérification impossible : ${error instanceof Error ? error.message : String(error)}`);
    await closeDb().catch(() => {});
    process.exit(1);
  });
