import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { build, type Metafile } from 'esbuild';
import { describe, expect, it } from 'vitest';

/**
 * No page's first load carries the forms' validation libraries (README › Benchmarks, first-load JS): zod
 * (~31 kB gzip) and libphonenumber (~29 kB with the customer schema) are fetched when a form validates
 * (`lazyValidator` in components/ui/use-form-action.ts) or with a form loaded on demand (`next/dynamic`).
 * Every client module ('use client') that no `import()` loads on demand is bundled here with its static
 * imports, as the browser would get it: server actions ('use server') become references, `import()` stays
 * a separate chunk. Constants a client module needs live in zod-free modules (lib/<domain>/limits.ts,
 * labels.ts, form.ts).
 */
const ROOT = process.cwd();
const FORBIDDEN = /^(zod|libphonenumber-js)(\/|$)/;

function sourceFiles(dir: string): string[] {
  return readdirSync(path.join(ROOT, dir), { withFileTypes: true }).flatMap((entry) => {
    const rel = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(rel);
    return /\.tsx?$/.test(entry.name) ? [rel] : [];
  });
}

const files = [...sourceFiles('components'), ...sourceFiles('app')].filter((f) => !f.startsWith('app/api/'));
const isClient = (f: string) => /^\s*(\/\/[^\n]*\n\s*)*['"]use client['"]/.test(readFileSync(f, 'utf8'));

/** Modules some client code loads with `import('…')` (next/dynamic, lazyValidator): not in a first load. */
function onDemandModules(): Set<string> {
  const out = new Set<string>();
  for (const f of files) {
    for (const m of readFileSync(f, 'utf8').matchAll(/import\(\s*'([^']+)'\s*\)/g)) {
      const spec = m[1];
      const base = spec.startsWith('@/') ? spec.slice(2) : path.join(path.dirname(f), spec);
      for (const ext of ['.tsx', '.ts']) out.add(path.normalize(base + ext));
    }
  }
  return out;
}

async function staticClosure(entries: string[]): Promise<Metafile> {
  const result = await build({
    entryPoints: entries,
    bundle: true,
    write: false,
    metafile: true,
    format: 'esm',
    outdir: 'out',
    logLevel: 'silent',
    jsx: 'automatic',
    tsconfig: path.join(ROOT, 'tsconfig.json'),
    external: ['*.css'],
    plugins: [
      {
        name: 'as-the-browser-gets-it',
        setup(b) {
          // Packages stay imports (only their names matter here); `import()` stays a separate chunk.
          b.onResolve({ filter: /.*/ }, (args) =>
            args.kind === 'dynamic-import' || /^[^./@]|^@[^/]/.test(args.path)
              ? { path: args.path, external: true }
              : undefined,
          );
          b.onLoad({ filter: /\.tsx?$/ }, (args) => {
            const source = readFileSync(args.path, 'utf8');
            if (!/^\s*['"]use server['"]/.test(source)) return undefined;
            // A server action reaches the browser as a reference: keep its export names, none of its imports.
            const names = [...source.matchAll(/export\s+(?:async\s+)?(?:function|const|let)\s+(\w+)/g)].map(
              (n) => n[1],
            );
            return { contents: names.map((n) => `export const ${n} = null;`).join('\n') || 'export {};', loader: 'ts' };
          });
        },
      },
    ],
  });
  return result.metafile;
}

/** `client module > … > the project module that imports the library`, for the failure message. */
function chains(metafile: Metafile, entries: string[]): string[] {
  const from = new Map<string, string | null>(entries.map((e) => [e, null]));
  const queue = [...entries];
  while (queue.length) {
    const current = queue.shift()!;
    for (const imp of metafile.inputs[current]?.imports ?? []) {
      if (imp.external || from.has(imp.path)) continue;
      from.set(imp.path, current);
      queue.push(imp.path);
    }
  }
  const out: string[] = [];
  for (const [file, input] of Object.entries(metafile.inputs)) {
    if (!from.has(file)) continue;
    const lib = input.imports.find((i) => i.kind !== 'dynamic-import' && FORBIDDEN.test(i.path));
    if (!lib) continue;
    const chain = [lib.path];
    for (let at: string | null | undefined = file; at; at = from.get(at)) chain.unshift(at);
    out.push(chain.join(' > '));
  }
  return out;
}

describe('first-load client code', () => {
  it('no client module a page renders statically imports zod or libphonenumber', async () => {
    const onDemand = onDemandModules();
    const entries = files.filter((f) => isClient(f) && !onDemand.has(f));
    expect(entries.length).toBeGreaterThan(30);
    const metafile = await staticClosure(entries);
    expect(chains(metafile, entries)).toEqual([]);
  }, 60_000);
});
