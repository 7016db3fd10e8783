import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { BackupError } from './database';

/**
 * pg_dump / pg_restore, found for the server's major version: Debian installs each version under
 * /usr/lib/postgresql/<major>/bin, and pg_dump refuses a server newer than itself.
 */
export interface PgTool {
  path: string;
  /** e.g. "pg_dump (PostgreSQL) 15.20" */
  version: string;
  major: number;
}

export function majorOf(version: string): number {
  const match = /(\d+)(?:\.\d+)?/.exec(version);
  return match ? Number(match[1]) : 0;
}

interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

function run(cmd: string, args: string[], env?: NodeJS.ProcessEnv): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? 1, stdout, stderr }));
  });
}

export async function findPgTool(name: 'pg_dump' | 'pg_restore', serverMajor: number): Promise<PgTool> {
  const candidates = [`/usr/lib/postgresql/${serverMajor}/bin/${name}`, name];
  for (const candidate of candidates) {
    if (candidate.startsWith('/') && !existsSync(candidate)) continue;
    try {
      const r = await run(candidate, ['--version']);
      if (r.code !== 0) continue;
      const version = r.stdout.trim().replace(/\s*\(Debian[^)]*\)\s*$/, '');
      const major = majorOf(version.replace(/^\D+/, ''));
      if (major >= serverMajor) return { path: candidate, version, major };
      throw new BackupError(
        `${name} ${major} ne peut pas traiter un serveur PostgreSQL ${serverMajor} : installez le client de la même version (paquet postgresql-client-${serverMajor}).`,
      );
    } catch (error) {
      if (error instanceof BackupError) throw error;
      // not installed at this path: try the next one
    }
  }
  throw new BackupError(
    `${name} introuvable : installez le client PostgreSQL ${serverMajor} (paquet postgresql-client-${serverMajor}).`,
  );
}

/** libpq reads the password from the environment, so it never shows in the process list. */
export function libpqTarget(url: string): { dbname: string; env: NodeJS.ProcessEnv } {
  const parsed = new URL(url);
  const password = decodeURIComponent(parsed.password);
  parsed.password = '';
  // Not configuration: the child inherits our environment, plus (or minus) its password.
  // eslint-disable-next-line no-restricted-properties
  const env: NodeJS.ProcessEnv = { ...process.env };
  if (password) env.PGPASSWORD = password;
  else delete env.PGPASSWORD;
  return { dbname: parsed.toString(), env };
}

function failure(name: string, r: RunResult): BackupError {
  const lines = r.stderr.trim().split('\n').filter(Boolean);
  return new BackupError(`${name} a échoué (code ${r.code}) : ${lines.slice(-3).join(' / ') || 'aucun message'}`);
}

/**
 * Dumps in custom format (compressed, restored with pg_restore). `snapshot` is a snapshot
 * exported by the transaction that also read the row counts and the document list, so the three
 * describe the same instant while the application keeps writing.
 */
export async function pgDump(tool: PgTool, url: string, file: string, snapshot: string): Promise<void> {
  const { dbname, env } = libpqTarget(url);
  const r = await run(
    tool.path,
    ['--format=custom', `--snapshot=${snapshot}`, '--no-sync', `--file=${file}`, `--dbname=${dbname}`],
    env,
  );
  if (r.code !== 0) throw failure('pg_dump', r);
}

/** One transaction: a failed restore leaves the target database as empty as it was. */
export async function pgRestore(tool: PgTool, url: string, file: string): Promise<void> {
  const { dbname, env } = libpqTarget(url);
  const r = await run(
    tool.path,
    ['--no-owner', '--no-privileges', '--exit-on-error', '--single-transaction', `--dbname=${dbname}`, file],
    env,
  );
  if (r.code !== 0) throw failure('pg_restore', r);
}
