import { isStorageKey } from '@/lib/storage';
import { BackupError, migrationJournal } from './database';
import {
  BACKUP_FORMAT,
  BACKUP_FORMAT_VERSION,
  DOCUMENTS_PREFIX,
  MANIFEST_ENTRY,
  manifestSchema,
  type BackupManifest,
} from './manifest';
import { listTar, readEntry, sha256OfEntry, TarFormatError, type TarEntry } from './tar';

export interface VerifiedArchive {
  manifest: BackupManifest;
  entries: Map<string, TarEntry>;
}

const short = (hash: string) => hash.slice(0, 12);

/**
 * Reads the manifest and checks every entry against it (presence, size, sha256) before anything
 * is restored: a corrupted or truncated archive is refused while the target is still empty.
 */
export async function verifyArchive(archive: string): Promise<VerifiedArchive> {
  let list: TarEntry[];
  try {
    list = await listTar(archive);
  } catch (error) {
    if (error instanceof TarFormatError) throw new BackupError(`Archive illisible (${archive}) : ${error.message}.`);
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new BackupError(`Archive introuvable : ${archive}.`);
    throw error;
  }
  const entries = new Map(list.map((e) => [e.name, e]));
  const manifestEntry = entries.get(MANIFEST_ENTRY);
  if (!manifestEntry)
    throw new BackupError(`${archive} n'est pas une archive de npm run backup (${MANIFEST_ENTRY} absent).`);
  let raw: unknown;
  try {
    raw = JSON.parse((await readEntry(archive, manifestEntry)).toString('utf8'));
  } catch {
    throw new BackupError(`Archive corrompue : ${MANIFEST_ENTRY} n'est pas du JSON valide.`);
  }
  const format = (raw as { format?: unknown; formatVersion?: unknown } | null) ?? {};
  if (format.format !== BACKUP_FORMAT)
    throw new BackupError(`${archive} n'est pas une archive de npm run backup (format « ${String(format.format)} »).`);
  if (typeof format.formatVersion === 'number' && format.formatVersion > BACKUP_FORMAT_VERSION)
    throw new BackupError(
      `Archive au format v${format.formatVersion}, plus récent que celui de cette version de l'application (v${BACKUP_FORMAT_VERSION}) : mettez l'application à jour.`,
    );
  const parsed = manifestSchema.safeParse(raw);
  if (!parsed.success)
    throw new BackupError(
      `Archive corrompue : ${MANIFEST_ENTRY} incomplet (${parsed.error.issues[0].path.join('.')} : ${parsed.error.issues[0].message}).`,
    );
  const manifest = parsed.data;
  const known = migrationJournal().length;
  if (manifest.database.migrations.applied > known)
    throw new BackupError(
      `Archive créée par une version plus récente de l'application (${manifest.database.migrations.applied} migrations, celle-ci en connaît ${known}) : mettez l'application à jour avant de restaurer.`,
    );
  const listed = new Set(manifest.files.map((f) => f.path));
  if (!listed.has(manifest.database.entry))
    throw new BackupError(`Archive corrompue : le dump de la base (${manifest.database.entry}) n'est pas listé.`);
  for (const name of entries.keys()) {
    if (name !== MANIFEST_ENTRY && !listed.has(name))
      throw new BackupError(`Archive corrompue : entrée ${name} absente du manifeste.`);
  }
  for (const file of manifest.files) {
    if (file.path.startsWith(DOCUMENTS_PREFIX) && !isStorageKey(file.path.slice(DOCUMENTS_PREFIX.length)))
      throw new BackupError(`Archive corrompue : nom de document invalide (${file.path.slice(0, 80)}).`);
    const entry = entries.get(file.path);
    if (!entry) throw new BackupError(`Archive incomplète : ${file.path} est absent.`);
    if (entry.size !== file.size)
      throw new BackupError(`Archive corrompue : ${file.path} fait ${entry.size} octets au lieu de ${file.size}.`);
    const actual = await sha256OfEntry(archive, entry);
    if (actual !== file.sha256)
      throw new BackupError(
        `Archive corrompue : ${file.path} ne correspond pas au manifeste (SHA-256 attendu ${short(file.sha256)}…, lu ${short(actual)}…).`,
      );
  }
  return { manifest, entries };
}
