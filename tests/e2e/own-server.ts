import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { appendFile, mkdir, mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

/**
 * Journeys that need a configuration of their own (DEMO=0, SMTP, SSO) start the README's `npm start`
 * (lib/cli/start.ts) on another port and an empty data directory, from the build the main server made.
 */
const ROOT = path.resolve(import.meta.dirname, '../..');
const TSX = path.join(ROOT, 'node_modules', '.bin', 'tsx');

export async function emptyDataDir(name: string): Promise<string> {
  return mkdtemp(path.join(os.tmpdir(), `c360-e2e-${name}-`));
}

export interface OwnServer {
  url: string;
  output: () => string;
  stop: () => Promise<void>;
}

export async function startApp(env: Record<string, string>, port: number, logName = `app-${port}`): Promise<OwnServer> {
  let output = '';
  // node --import tsx, not the tsx wrapper: the wrapper SIGKILLs a child slow to acknowledge the forwarded
  // SIGTERM (a loaded CI machine), and npm start then cannot stop its server, which kept the port.
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'lib/cli/start.ts'], {
    cwd: ROOT,
    env: { ...process.env, NODE_ENV: 'production', PORT: String(port), DATABASE_URL: '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.on('data', (c: Buffer) => (output += c.toString()));
  child.stderr!.on('data', (c: Buffer) => (output += c.toString()));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 180_000;
  // "prêt" is printed once /api/health answers (lib/cli/start.ts).
  while (!output.includes('Customer 360 est prêt')) {
    if (child.exitCode !== null) throw new Error(`npm start exited (${child.exitCode}):\n${output}`);
    if (Date.now() > deadline) throw new Error(`npm start not ready after 180 s:\n${output}`);
    await new Promise((r) => setTimeout(r, 500));
  }
  return {
    url,
    output: () => output,
    stop: async () => {
      if (child.exitCode === null) {
        const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
        child.kill('SIGTERM');
        await exited;
      }
      // The server's own messages, for a failed journey (test-results/ is where Playwright leaves its traces).
      await mkdir(path.join(ROOT, 'test-results'), { recursive: true });
      await appendFile(path.join(ROOT, 'test-results', `${logName}.log`), output);
    },
  };
}

/** `npm run user -- …` as the operator types it; resolves with stdout (throws with stderr on failure). */
export function npmRunUser(args: string[], env: Record<string, string>, stdin?: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = execFile(
      TSX,
      ['lib/cli/user.ts', ...args],
      { cwd: ROOT, env: { ...process.env, DATABASE_URL: '', ...env }, timeout: 120_000 },
      (error, stdout, stderr) => (error ? reject(new Error(`npm run user failed: ${stderr}`)) : resolve(stdout)),
    );
    child.stdin!.end(stdin ?? '');
  });
}

/** The arguments of the `npm run user -- …` line npm start printed, with the placeholders replaced. */
export function printedUserCommand(output: string, values: { email: string; name: string }): string[] {
  const line = output.split('\n').find((l) => l.includes('npm run user --'));
  if (!line) throw new Error(`npm start did not print the npm run user command:\n${output}`);
  const args = line.slice(line.indexOf('npm run user --') + 'npm run user --'.length).trim();
  const parts = [...args.matchAll(/"([^"]*)"|(\S+)/g)].map((m) => m[1] ?? m[2]);
  return parts.map((p, i) => (parts[i - 1] === '--email' ? values.email : parts[i - 1] === '--name' ? values.name : p));
}
