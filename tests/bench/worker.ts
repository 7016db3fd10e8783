/**
 * Benches that call the app's own query functions (which import server-only modules) run in a child
 * process started with `--conditions=react-server`: `runWorker` (parent) starts one and records the
 * figures it prints; the worker side times with `timeIt`, collects with `figure` and ends with
 * `finishWorker`, which prints one `RESULT {json}` line.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '@/db';
import { type BenchResult, info, record, ROOT } from './common';

export type Figure = Pick<BenchResult, 'name' | 'value' | 'unit' | 'note'> & { max?: number };

const figures: Figure[] = [];
export const figure = (name: string, value: number, unit: string, opts: { max?: number; note?: string } = {}) =>
  figures.push({ name, value, unit, ...opts });

export const rowsOf = <T>(r: unknown): T[] => (Array.isArray(r) ? r : (r as { rows: T[] }).rows) as T[];

/** Prints the first `maxLines` lines of `explain (analyze, buffers)` for a query: which index it used, rows read. */
export async function printPlan(db: Db, label: string, query: SQL, maxLines = 14): Promise<void> {
  const lines = rowsOf<Record<string, string>>(
    await db.execute(sql`explain (analyze, buffers, costs off) ${query}`),
  ).map((r) => Object.values(r)[0]);
  info(`${label} — plan :`);
  for (const line of lines.slice(0, maxLines)) console.log(`        ${line}`);
}

/** `rounds` sequential calls after 5 warm-up ones (plans and pages cached, as on a running server). */
export async function timeIt(rounds: number, run: (i: number) => Promise<unknown>): Promise<number[]> {
  for (let i = 0; i < 5; i++) await run(i);
  const times: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const t = performance.now();
    await run(i);
    times.push(performance.now() - t);
  }
  return times;
}

export function finishWorker(main: () => Promise<void>): void {
  main().then(
    () => {
      console.log(`RESULT ${JSON.stringify(figures)}`);
      process.exit(0);
    },
    (error: unknown) => {
      console.error(error instanceof Error ? error.message : error);
      process.exit(1);
    },
  );
}

/** Parent side: runs tests/bench/<file> under react-server and records its figures under `bench`. */
export async function runWorker(bench: string, file: string): Promise<void> {
  const tsx = path.join(ROOT, 'node_modules', '.bin', 'tsx');
  const child = spawn(tsx, ['--conditions=react-server', path.join(ROOT, 'tests', 'bench', file)], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let result: Figure[] | null = null;
  let buffered = '';
  child.stdout.setEncoding('utf8');
  child.stdout.on('data', (chunk: string) => {
    buffered += chunk;
    const lines = buffered.split('\n');
    buffered = lines.pop() ?? '';
    for (const line of lines) {
      if (line.startsWith('RESULT ')) result = JSON.parse(line.slice(7)) as Figure[];
      else console.log(line);
    }
  });
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  if (buffered.startsWith('RESULT ')) result = JSON.parse(buffered.slice(7)) as Figure[];
  if (code !== 0 || !result) throw new Error(`${file} a échoué (code ${code})`);
  for (const f of result as Figure[]) record(bench, f.name, f.value, f.unit, { max: f.max, note: f.note });
}
