/**
 * Summary of a V8 .cpuprofile (from `node --cpu-prof` or tests/bench/profile.ts): self and total time
 * per function and per module (package, or the app's own files), the hottest first.
 * `npx tsx tests/bench/cpuprofile-summary.ts <file.cpuprofile> [top=30]`.
 * Total time counts a function once per sample however deep it recurses, so totals never exceed 100 %.
 */
import { existsSync, readFileSync } from 'node:fs';
import { SourceMap } from 'node:module';
import path from 'node:path';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
  children?: number[];
}

export interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

export interface Row {
  key: string;
  selfMs: number;
  totalMs: number;
}

/** V8's pseudo-frames: not code of ours, kept apart so percentages of real code stay readable. */
const PSEUDO = new Set(['(idle)', '(program)', '(garbage collector)', '(root)']);

/** `.../node_modules/drizzle-orm/pg-core/x.js` → `drizzle-orm`; a Next chunk → its name; `node:` → `node:internal`. */
export function moduleOf(url: string): string {
  if (!url) return '(native)';
  if (url.startsWith('node:')) return 'node:internal';
  const clean = url.replace(/^file:\/\//, '');
  const nm = clean.lastIndexOf('node_modules/');
  if (nm >= 0) {
    const rest = clean.slice(nm + 'node_modules/'.length).split('/');
    // drizzle-orm's own maps point at ../src/*.ts, which resolves to node_modules/src/.
    if (rest[0] === 'src') return 'drizzle-orm';
    return rest[0].startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0];
  }
  const chunk = clean.indexOf('.next/server/');
  if (chunk >= 0) return `.next/${clean.slice(chunk + '.next/server/'.length)}`;
  return path.basename(clean);
}

interface Located {
  /** Package name, or the app's file relative to the project. */
  module: string;
  key: string;
}

/**
 * Next's server chunks are minified (`a`, `t`…): each frame is mapped through the chunk's .js.map to
 * its original file and line, and named by that line's text (`export async function requireCustomer(`).
 */
const maps = new Map<string, { map: SourceMap; dir: string; root: string; texts: Map<string, string[]> } | null>();
function sourceMapOf(url: string) {
  const file = url.replace(/^file:\/\//, '');
  if (!maps.has(file)) {
    const mapFile = `${file}.map`;
    const root = file.slice(0, Math.max(0, file.indexOf('/.next/')));
    if (!file.includes('/.next/') || !existsSync(mapFile)) maps.set(file, null);
    else {
      const payload = JSON.parse(readFileSync(mapFile, 'utf8')) as { sources: string[]; sourcesContent?: string[] };
      const texts = new Map<string, string[]>();
      payload.sources.forEach((s, i) => texts.set(s, payload.sourcesContent?.[i]?.split('\n') ?? []));
      maps.set(file, { map: new SourceMap(payload as never), dir: path.dirname(file), root, texts });
    }
  }
  return maps.get(file);
}

const located = new Map<number, Located>();
function locate(node: ProfileNode): Located {
  let hit = located.get(node.id);
  if (hit) return hit;
  const { functionName, url, lineNumber, columnNumber } = node.callFrame;
  if (PSEUDO.has(functionName)) hit = { module: functionName, key: functionName };
  else {
    const sm = url ? sourceMapOf(url) : null;
    const entry = sm?.map.findEntry(lineNumber, columnNumber) as
      { originalSource?: string; originalLine?: number; name?: string } | undefined;
    if (sm && entry?.originalSource) {
      const abs = path.resolve(sm.dir, entry.originalSource);
      const rel = sm.root && abs.startsWith(sm.root) ? abs.slice(sm.root.length + 1) : abs;
      const text = (sm.texts.get(entry.originalSource)?.[entry.originalLine!] ?? '').trim().slice(0, 70);
      const owner = rel.includes('node_modules/') ? moduleOf(rel) : rel;
      hit = {
        module: owner,
        key: `${rel.replace(/^.*node_modules\//, '')}:${entry.originalLine! + 1} ${entry.name ?? text}`,
      };
    } else {
      const file = url ? `${moduleOf(url)}:${lineNumber + 1}:${columnNumber + 1}` : '(native)';
      hit = { module: moduleOf(url), key: `${functionName || '(anonymous)'} ${file}` };
    }
  }
  located.set(node.id, hit);
  return hit;
}

const frameKey = (node: ProfileNode) => locate(node).key;

export interface Summary {
  totalMs: number;
  /** Samples outside idle/program/GC. */
  busyMs: number;
  gcMs: number;
  functions: Row[];
  modules: Row[];
}

export function summarize(profile: CpuProfile): Summary {
  located.clear(); // node ids are per profile
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const fn = new Map<string, Row>();
  const mod = new Map<string, Row>();
  const row = (map: Map<string, Row>, key: string) => {
    let r = map.get(key);
    if (!r) map.set(key, (r = { key, selfMs: 0, totalMs: 0 }));
    return r;
  };
  let totalMs = 0;
  let busyMs = 0;
  let gcMs = 0;
  // Stacks repeat: remember each leaf's unique function and module keys once.
  const stackCache = new Map<number, { fns: string[]; mods: string[] }>();
  for (let i = 0; i < profile.samples.length; i++) {
    const ms = (profile.timeDeltas[i + 1] ?? profile.timeDeltas[i] ?? 0) / 1000;
    const leaf = byId.get(profile.samples[i]);
    if (!leaf) continue;
    totalMs += ms;
    const name = leaf.callFrame.functionName;
    if (name === '(garbage collector)') gcMs += ms;
    if (PSEUDO.has(name)) {
      row(fn, frameKey(leaf)).selfMs += ms;
      continue;
    }
    busyMs += ms;
    row(fn, frameKey(leaf)).selfMs += ms;
    row(mod, locate(leaf).module).selfMs += ms;
    let stack = stackCache.get(leaf.id);
    if (!stack) {
      const fns = new Set<string>();
      const mods = new Set<string>();
      for (let id: number | undefined = leaf.id; id != null; id = parent.get(id)) {
        const node = byId.get(id)!;
        if (PSEUDO.has(node.callFrame.functionName)) continue;
        fns.add(frameKey(node));
        mods.add(locate(node).module);
      }
      stackCache.set(leaf.id, (stack = { fns: [...fns], mods: [...mods] }));
    }
    for (const k of stack.fns) row(fn, k).totalMs += ms;
    for (const k of stack.mods) row(mod, k).totalMs += ms;
  }
  const bySelf = (a: Row, b: Row) => b.selfMs - a.selfMs;
  return { totalMs, busyMs, gcMs, functions: [...fn.values()].sort(bySelf), modules: [...mod.values()].sort(bySelf) };
}

const pct = (ms: number, of: number) => `${((100 * ms) / (of || 1)).toFixed(1).padStart(5)} %`;

/** Printable report; `perRequest` divides times by the request count (ms of CPU per request). */
export function formatSummary(s: Summary, top = 30, requests = 0): string {
  const per = (ms: number) => (requests ? `${((ms / requests) * 1000).toFixed(0).padStart(6)} µs/req` : '');
  const lines = [
    `profil : ${s.totalMs.toFixed(0)} ms échantillonnés, ${s.busyMs.toFixed(0)} ms de code (${pct(s.busyMs, s.totalMs)}), GC ${s.gcMs.toFixed(0)} ms${requests ? `, ${requests} requêtes → ${per(s.busyMs + s.gcMs)}` : ''}`,
    '',
    'modules (self | total, en % du temps de code) :',
  ];
  for (const r of s.modules.slice(0, top))
    lines.push(`  ${pct(r.selfMs, s.busyMs)} | ${pct(r.totalMs, s.busyMs)}  ${per(r.selfMs)}  ${r.key}`);
  lines.push('', 'fonctions par temps propre :');
  for (const r of s.functions.filter((f) => !PSEUDO.has(f.key)).slice(0, top))
    lines.push(`  ${pct(r.selfMs, s.busyMs)} | ${pct(r.totalMs, s.busyMs)}  ${per(r.selfMs)}  ${r.key}`);
  lines.push('', 'fonctions par temps total :');
  for (const r of [...s.functions]
    .filter((f) => !PSEUDO.has(f.key))
    .sort((a, b) => b.totalMs - a.totalMs)
    .slice(0, top))
    lines.push(`  ${pct(r.selfMs, s.busyMs)} | ${pct(r.totalMs, s.busyMs)}  ${per(r.totalMs)}  ${r.key}`);
  return lines.join('\n');
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) {
  const [file, top] = process.argv.slice(2);
  if (!file) {
    console.error('usage : tsx tests/bench/cpuprofile-summary.ts <fichier.cpuprofile> [top]');
    process.exit(2);
  }
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  console.log(formatSummary(summarize(profile), Number(top ?? 30)));
}
