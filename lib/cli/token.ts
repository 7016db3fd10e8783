/**
 * npm run token -- --name <name> --role <admin|manager|technician|viewer> [--expires-days N]
 *
 * Creates an API token on the configured database (DATABASE_URL, else the embedded PGlite in
 * DATA_DIR) and prints it ALONE as the last stdout line, so scripts can do `| tail -1`.
 * With PGlite, stop the app first: one process at a time may open a PGlite directory.
 */
import { z } from 'zod';
import { getDbHandle } from '@/db';
import { migrateDb } from '@/db/migrate';
import { ROLES } from '@/db/schema/enums';
import { createApiToken } from '@/lib/auth/tokens';
import { dataDir, env } from '@/lib/env';
import { CliError, parseFlags } from './args';
import { acquirePgliteLock } from './pglite-lock';
import { runCli } from './run';

const argsSchema = z
  .object({
    name: z
      .string({ message: '--name est obligatoire' })
      .trim()
      .min(1, '--name est obligatoire')
      .max(100, '--name : 100 caractères au plus'),
    role: z.enum(ROLES, { message: `--role doit valoir ${ROLES.join(', ')}` }),
    expiresDays: z.coerce
      .number({ message: '--expires-days doit être un nombre de jours' })
      .int('--expires-days doit être un nombre entier de jours')
      .min(1, '--expires-days doit être ≥ 1')
      .max(3650, '--expires-days doit être ≤ 3650')
      .optional(),
  })
  .strict();

async function main() {
  const parsed = argsSchema.safeParse(parseFlags(process.argv.slice(2)));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const message = issue.code === 'unrecognized_keys' ? `Option inconnue : --${issue.keys[0]}` : issue.message;
    throw new CliError(
      `${message}. Usage : npm run token -- --name <nom> --role <${ROLES.join('|')}> [--expires-days N]`,
    );
  }
  const { name, role, expiresDays } = parsed.data;
  env();
  // PGlite: one process per directory (see pglite-lock.ts).
  if (!env().DATABASE_URL) acquirePgliteLock(dataDir(), 'npm run token');
  const handle = getDbHandle();
  try {
    await migrateDb(handle);
    const expiresAt = expiresDays ? new Date(Date.now() + expiresDays * 86_400_000) : null;
    const created = await createApiToken(
      handle.db,
      { name, role, expiresAt },
      {
        kind: 'system',
        id: null,
        name: 'Ligne de commande (npm run token)',
        role: 'admin',
      },
    );
    const until = expiresAt ? `expire le ${expiresAt.toISOString().slice(0, 10)}` : 'sans expiration';
    console.log(
      `Jeton « ${name} » créé (rôle ${role}, ${until}, préfixe ${created.prefix}). Il ne sera plus affiché :`,
    );
    console.log(created.token);
  } finally {
    await handle.close();
  }
}

runCli(main);
