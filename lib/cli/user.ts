/**
 * npm run user -- --email <e-mail> --name "<nom>" --role <admin|manager|technician|viewer> [--password-stdin]
 *
 * Creates the account, or updates the name and role of the existing one (and reactivates it). Prints a
 * one-time link to choose the password (72 h for a new account, 1 h for a reset), or, with
 * --password-stdin, sets the password read from standard input (`echo "$PASS" | npm run user -- … --password-stdin`).
 * Works on both databases; with the embedded one, refuses while the app holds it (pglite-lock.ts).
 */
import { z } from 'zod';
import { getDbHandle } from '@/db';
import { migrateDb } from '@/db/migrate';
import { ROLES } from '@/db/schema/enums';
import { assertStrongPassword, upsertUserFromCli } from '@/lib/users/mutations';
import { userInviteSchema } from '@/lib/users/schema';
import { dataDir, env } from '@/lib/env';
import { AppError } from '@/lib/errors';
import { CliError, parseFlags } from './args';
import { acquirePgliteLock } from './pglite-lock';
import { runCli } from './run';

const USAGE = `Usage : npm run user -- --email <e-mail> --name "<nom>" --role <${ROLES.join('|')}> [--password-stdin]`;

const argsSchema = z
  .object({
    email: z.string({ message: '--email est obligatoire' }),
    name: z.string({ message: '--name est obligatoire' }),
    role: z.enum(ROLES, { message: `--role doit valoir ${ROLES.join(', ')}` }),
    passwordStdin: z.boolean().optional(),
  })
  .strict();

async function readStdin(): Promise<string> {
  if (process.stdin.isTTY)
    throw new CliError('--password-stdin : envoyez le mot de passe sur l’entrée standard (echo … |).');
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  // One line: the trailing newline of `echo` is not part of the password.
  return Buffer.concat(chunks)
    .toString('utf8')
    .replace(/\r?\n$/, '');
}

async function main() {
  const parsed = argsSchema.safeParse(parseFlags(process.argv.slice(2), { booleans: ['passwordStdin'] }));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const message = issue.code === 'unrecognized_keys' ? `Option inconnue : --${issue.keys[0]}` : issue.message;
    throw new CliError(`${message}. ${USAGE}`);
  }
  const fields = userInviteSchema.safeParse({
    email: parsed.data.email,
    name: parsed.data.name,
    role: parsed.data.role,
  });
  if (!fields.success) {
    const issue = fields.error.issues[0];
    throw new CliError(`--${String(issue.path[0])} : ${issue.message} ${USAGE}`);
  }
  const password = parsed.data.passwordStdin ? await readStdin() : undefined;
  try {
    // Before the database opens: a refused password answers at once, even while the app holds PGlite.
    if (password !== undefined) assertStrongPassword(password, [fields.data.name, fields.data.email]);
  } catch (error) {
    if (error instanceof AppError) throw new CliError(error.message);
    throw error;
  }
  env();
  // PGlite: one process per directory (see pglite-lock.ts).
  if (!env().DATABASE_URL) acquirePgliteLock(dataDir(), 'npm run user');
  const handle = getDbHandle();
  try {
    await migrateDb(handle);
    const { created, user, link } = await upsertUserFromCli(handle.db, { ...fields.data, password });
    console.log(`Compte ${created ? 'créé' : 'mis à jour'} : ${user.name} <${user.email}> (${user.role}).`);
    if (link) {
      const until = link.expiresAt.toLocaleString('fr-FR', {
        timeZone: 'Europe/Paris',
        dateStyle: 'short',
        timeStyle: 'short',
      });
      console.log(`Lien à usage unique pour choisir le mot de passe (valable jusqu’au ${until}) :`);
      console.log(link.url);
    } else console.log('Mot de passe enregistré ; les sessions ouvertes de ce compte sont fermées.');
  } catch (error) {
    if (error instanceof AppError) throw new CliError(error.message);
    throw error;
  } finally {
    await handle.close();
  }
}

runCli(main);
