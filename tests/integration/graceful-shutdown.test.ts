import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { cp, mkdtemp, readdir, rm } from 'node:fs/promises';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { POST as UPLOAD } from '@/app/api/customers/[id]/documents/route';
import { getDb, getDbHandle, openPglite, type DbHandle } from '@/db';
import { dumpPglite, loadPglite } from '@/lib/backup/pglite';
import { uploadDocument } from '@/lib/documents/mutations';
import { checkStorage } from '@/lib/storage/check';
import { LocalStorage } from '@/lib/storage/local';
import { actorFor, createBearer, createCustomer, createUser } from '../factories';
import { documentRowCount, listUploadFiles, samples } from '../factories/documents';
import { testDriver } from '../setup/db';

/**
 * SIGTERM during an upload, on the real upload route and a real database directory, in a server
 * process with lib/cli/serve.ts's signal handling (tests/integration/fixtures/shutdown-server.ts).
 */
const ROOT = path.resolve(import.meta.dirname, '../..');
const SLOW = 300_000;

let work: string;
let customerId: string;
let authorization: string;
const servers: ChildProcess[] = [];

beforeAll(async () => {
  work = await mkdtemp(path.join(os.tmpdir(), 'c360-shutdown-'));
  customerId = (await createCustomer()).id;
  authorization = (await createBearer('technician')).authorization;
}, SLOW);

afterAll(async () => {
  for (const s of servers) if (s.exitCode === null && s.signalCode === null) s.kill('SIGKILL');
  await rm(work, { recursive: true, force: true });
});

interface Server {
  proc: ChildProcess;
  port: number;
  dataDir: string;
  output: () => string;
  exited: Promise<{ code: number | null; at: number }>;
}

let pgliteDir: Promise<string> | undefined;
/** This file's in-memory database written once to a directory (closed cleanly), copied for each server. */
function pgliteCopy(): Promise<string> {
  pgliteDir ??= (async () => {
    const dir = path.join(work, 'pglite-template');
    await (await loadPglite(dir, await dumpPglite(getDbHandle()))).close();
    return dir;
  })();
  return pgliteDir;
}

/** A data directory holding a copy of this file's database (PGlite), or this file's database itself. */
async function startServer(graceMs?: number, opts: { ipc?: boolean } = {}): Promise<Server> {
  // PostgreSQL: every server uses this file's database, so they share one data directory too.
  const dataDir = testDriver() === 'postgres' ? path.join(work, 'data-pg') : await mkdtemp(path.join(work, 'data-'));
  const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dataDir, NEXT_RUNTIME: 'nodejs' };
  if (testDriver() === 'pglite') {
    delete env.DATABASE_URL;
    await cp(await pgliteCopy(), path.join(dataDir, 'pglite'), { recursive: true });
  } else env.DATABASE_URL = getDbHandle().url;
  // react-server: the upload route reaches `server-only` modules, which resolve to an empty module under that
  // condition (as in Next's own server), instead of throwing in a plain Node process.
  const args = [
    '--conditions=react-server',
    '--import',
    'tsx',
    'tests/integration/fixtures/shutdown-server.ts',
    ...(graceMs ? [String(graceMs)] : []),
  ];
  const stdio = opts.ipc ? (['ignore', 'pipe', 'pipe', 'ipc'] as const) : (['ignore', 'pipe', 'pipe'] as const);
  const proc = spawn(process.execPath, args, { cwd: ROOT, env, stdio: [...stdio] });
  servers.push(proc);
  let out = '';
  proc.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  proc.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<{ code: number | null; at: number }>((resolve) =>
    proc.once('exit', (code) => resolve({ code, at: Date.now() })),
  );
  const deadline = Date.now() + 180_000;
  let port = 0;
  while (!port) {
    if (Date.now() > deadline || proc.exitCode !== null) throw new Error(`server did not start: ${out}`);
    port = Number(/listening (\d+)/.exec(out)?.[1] ?? 0);
    await new Promise((r) => setTimeout(r, 100));
  }
  return { proc, port, dataDir, output: () => out, exited };
}

/** A multipart upload sent in two halves, so the server can be signalled in between. */
function slowUpload(port: number) {
  const boundary = `----c360${randomBytes(8).toString('hex')}`;
  const pdf = Buffer.concat([samples.pdf(), Buffer.from(`%${'x'.repeat(20_000)}\n`)]);
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="category"\r\n\r\ncontract\r\n` +
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="contrat.pdf"\r\nContent-Type: application/pdf\r\n\r\n`,
  );
  const req = http.request({
    host: '127.0.0.1',
    port,
    method: 'POST',
    path: `/api/customers/${customerId}/documents`,
    agent: new http.Agent({ keepAlive: true }),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}`, authorization },
  });
  const response = new Promise<{ status: number; body: string }>((resolve, reject) => {
    req.on('response', (res) => {
      let body = '';
      res.on('data', (d: Buffer) => (body += d.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
  });
  response.catch(() => {}); // observed by the tests that expect it
  req.write(Buffer.concat([head, pdf.subarray(0, 4096)]));
  return {
    response,
    pdf,
    finish: () => req.end(Buffer.concat([pdf.subarray(4096), Buffer.from(`\r\n--${boundary}--\r\n`)])),
  };
}

/** PostgreSQL's pg_control state: 1 = shut down cleanly, 6 = was running (the process died with it open). */
const pgControlState = (dataDir: string) => readFileSync(path.join(dataDir, 'pglite', 'global', 'pg_control'))[16];

async function afterExit(dataDir: string, check: (db: DbHandle['db']) => Promise<void>) {
  if (testDriver() === 'postgres') return check(getDb());
  const handle = openPglite(path.join(dataDir, 'pglite'));
  try {
    await check(handle.db);
  } finally {
    await handle.close();
  }
}

/** Every file under the uploads directory, temp files of interrupted writes included. */
async function filesUnder(dataDir: string): Promise<string[]> {
  const entries = await readdir(path.join(dataDir, 'uploads'), { recursive: true, withFileTypes: true }).catch(
    () => [],
  );
  return entries
    .filter((e) => e.isFile())
    .map((e) => path.join(e.parentPath, e.name))
    .sort();
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe(`SIGTERM drains in-flight requests and closes the database (${testDriver()})`, () => {
  it(
    'an upload in flight when SIGTERM arrives completes; new connections are refused; exit after it',
    async () => {
      const server = await startServer();
      const upload = slowUpload(server.port);
      await sleep(300);
      server.proc.kill('SIGTERM');
      await sleep(700);
      expect(server.proc.exitCode).toBeNull(); // still draining our request
      await expect(fetch(`http://127.0.0.1:${server.port}/api/health`)).rejects.toThrow();
      upload.finish();
      const res = await upload.response;
      expect(res.status).toBe(201);
      const { code } = await server.exited;
      expect(code).toBe(0);
      if (testDriver() === 'pglite') expect(pgControlState(server.dataDir)).toBe(1);
      expect(server.output()).toContain('[arrêt] base de données fermée proprement.');
      await afterExit(server.dataDir, async (db) => {
        const storage = new LocalStorage(path.join(server.dataDir, 'uploads'));
        const report = await checkStorage(db, storage);
        expect(report).toMatchObject({ orphanFiles: [], orphanRows: [], temporaryFiles: [] });
        expect(report.files).toBeGreaterThanOrEqual(1);
      });
    },
    SLOW,
  );

  it(
    'a request still running after the grace period: forced exit at the bound, nothing half-written',
    async () => {
      const server = await startServer(1500);
      const rowsBefore = testDriver() === 'postgres' ? await documentRowCount(customerId) : 0;
      const filesBefore = await filesUnder(server.dataDir);
      const upload = slowUpload(server.port); // never finished: the client stalls
      await sleep(300);
      const sent = Date.now();
      server.proc.kill('SIGTERM');
      const { code, at } = await server.exited;
      await expect(upload.response).rejects.toThrow();
      expect(code).toBe(0);
      expect(at - sent).toBeGreaterThanOrEqual(1400);
      expect(at - sent).toBeLessThan(1500 + 500 + 5000 + 5000);
      expect(server.output()).toContain('requêtes encore en cours après 1.5 s : arrêt forcé.');
      expect(server.output()).toContain('[arrêt] base de données fermée proprement.');
      if (testDriver() === 'pglite') expect(pgControlState(server.dataDir)).toBe(1);
      expect(await filesUnder(server.dataDir)).toEqual(filesBefore);
      await afterExit(server.dataDir, async (db) => {
        const report = await checkStorage(db, new LocalStorage(path.join(server.dataDir, 'uploads')));
        expect(report).toMatchObject({ orphanFiles: [], orphanRows: [], temporaryFiles: [] });
        if (testDriver() === 'postgres') expect(await documentRowCount(customerId)).toBe(rowsBefore);
      });
    },
    SLOW,
  );
});

describe('a server whose supervisor dies (npm start killed with SIGKILL) does not live on, orphaned', () => {
  it(
    'the IPC channel closes: it drains, closes the database and exits, freeing the port',
    async () => {
      const server = await startServer(undefined, { ipc: true });
      server.proc.disconnect(); // what the supervisor's death does to the channel
      const { code } = await server.exited;
      expect(code).toBe(0);
      expect(server.output()).toContain('[arrêt] superviseur arrêté');
      expect(server.output()).toContain('[arrêt] base de données fermée proprement.');
      if (testDriver() === 'pglite') expect(pgControlState(server.dataDir)).toBe(1);
      await expect(fetch(`http://127.0.0.1:${server.port}/api/health`)).rejects.toThrow();
    },
    SLOW,
  );
});

describe('an upload cut off mid-stream leaves neither file nor row', () => {
  it('through the route: the client disconnects halfway through the multipart body', async () => {
    const filesBefore = await listUploadFiles();
    const rowsBefore = await documentRowCount();
    const boundary = 'c360cut';
    const partial = Buffer.concat([
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="category"\r\n\r\ncontract\r\n--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.pdf"\r\n\r\n`,
      ),
      samples.pdf(),
    ]);
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(partial);
        setTimeout(() => controller.error(new Error('client disconnected')), 50);
      },
    });
    const res = await UPLOAD(
      new Request(`http://localhost/api/customers/${customerId}/documents`, {
        method: 'POST',
        headers: { 'content-type': `multipart/form-data; boundary=${boundary}`, authorization },
        body,
        duplex: 'half',
      } as RequestInit),
      { params: Promise.resolve({ id: customerId }) },
    );
    expect(res.status).toBe(400);
    expect(await listUploadFiles()).toEqual(filesBefore);
    expect(await documentRowCount()).toBe(rowsBefore);
  });

  it('in storage: a stream that fails after the first bytes leaves no temp file and no row', async () => {
    const admin = actorFor(await createUser('admin'));
    const filesBefore = await listUploadFiles();
    const rowsBefore = await documentRowCount();
    async function* cut() {
      yield samples.pdf();
      yield Buffer.alloc(64 * 1024, 0x20);
      throw new Error('connection reset');
    }
    await expect(
      uploadDocument(getDb(), admin, customerId, {
        body: Readable.from(cut()),
        originalName: 'coupé.pdf',
        category: 'contract',
      }),
    ).rejects.toThrow('connection reset');
    expect(await listUploadFiles()).toEqual(filesBefore);
    expect(await documentRowCount()).toBe(rowsBefore);
  });
});
