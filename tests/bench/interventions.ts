/**
 * `npm run bench -- interventions`: "Ma journée" and the Interventions tab at 100k customers / 1M
 * interventions (seed:large --interventions 10). The measurement runs in interventions-worker.ts,
 * in a child process started with `--conditions=react-server` because the interventions lists
 * import server-only modules; its figures are recorded here next to their targets.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { record, ROOT } from './common';

interface Figure {
  name: string;
  value: number;
  unit: string;
  note?: string;
  max?: number;
}

export async function runInterventions(): Promise<void> {
  const rounds = process.env.BENCH_INTERVENTIONS_ROUNDS ?? '200';
  console.log(`\n== Interventions (Ma journée, onglet Interventions ; ${rounds} requêtes séquentielles)`);
  const tsx = path.join(ROOT, 'node_modules', '.bin', 'tsx');
  const worker = path.join(ROOT, 'tests', 'bench', 'interventions-worker.ts');
  const child = spawn(tsx, ['--conditions=react-server', worker], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let figures: Figure[] | null = null;
  let buffered = '';
  child.stdout.setEncoding('utf8');
  child.stdout.on('data', (chunk: string) => {
    buffered += chunk;
    const lines = buffered.split('\n');
    buffered = lines.pop() ?? '';
    for (const line of lines) {
      if (line.startsWith('RESULT ')) figures = JSON.parse(line.slice(7)) as Figure[];
      else console.log(line);
    }
  });
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  if (buffered.startsWith('RESULT ')) figures = JSON.parse(buffered.slice(7)) as Figure[];
  if (code !== 0 || !figures) throw new Error(`interventions-worker.ts a échoué (code ${code})`);
  for (const f of figures as Figure[]) {
    record('interventions', f.name, f.value, f.unit, { max: f.max, note: f.note });
  }
}
