import { z } from 'zod';

/**
 * manifest.json, the last entry of every archive: what the archive holds and how to check it.
 * `formatVersion` changes when the layout changes; restore refuses versions it does not know.
 */
export const BACKUP_FORMAT = 'customer-360-backup';
export const BACKUP_FORMAT_VERSION = 1;
export const MANIFEST_ENTRY = 'manifest.json';
export const DOCUMENTS_PREFIX = 'documents/';
export const AUTH_SECRET_ENTRY = 'data/auth-secret';

export const DATABASE_ENTRIES = {
  pglite: 'database/pglite-datadir.tar.gz',
  postgres: 'database/postgres.dump',
} as const;

const sha256 = z.string().regex(/^[0-9a-f]{64}$/);

const fileSchema = z.object({ path: z.string().min(1), size: z.number().int().nonnegative(), sha256 });

const documentRefSchema = z.object({ key: z.string(), size: z.number().int().nonnegative(), sha256: z.string() });

export const manifestSchema = z.object({
  format: z.literal(BACKUP_FORMAT),
  formatVersion: z.number().int().positive(),
  createdAt: z.string(),
  appVersion: z.string(),
  driver: z.enum(['pglite', 'postgres']),
  database: z.object({
    entry: z.string(),
    /** pg_dump custom format, or PGlite's data-directory dump (tar.gz). */
    format: z.enum(['pg_dump-custom', 'pglite-datadir']),
    serverVersion: z.string(),
    tool: z.string(),
    migrations: z.object({ applied: z.number().int().nonnegative(), last: z.string().nullable() }),
    /** Exact row counts per table (schema.table), read in the same snapshot as the dump. */
    rowCounts: z.record(z.string(), z.number().int().nonnegative()),
  }),
  documents: z.object({
    storage: z.enum(['local', 'uploadthing']),
    /** False for UploadThing: the files stay there and are referenced, not copied. */
    copied: z.boolean(),
    count: z.number().int().nonnegative(),
    bytes: z.number().int().nonnegative(),
    note: z.string().optional(),
    /** Documents the database lists but whose file could not be read when the backup ran. */
    missing: z.array(z.string()),
    /** UploadThing only: the files the restored rows point to. */
    referenced: z.array(documentRefSchema).optional(),
  }),
  /** Every other entry of the archive with its size and sha256. */
  files: z.array(fileSchema),
  warnings: z.array(z.string()),
});

export type BackupManifest = z.infer<typeof manifestSchema>;
export type ManifestFile = z.infer<typeof fileSchema>;
