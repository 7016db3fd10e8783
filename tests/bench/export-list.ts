/**
 * Benchmark: stream the whole customer list (CSV, then XLSX) from DATABASE_URL (e.g. the
 * c360_large database built by `npm run seed:large`, 100k customers) through the same stream
 * builders the route handler returns, measuring time to first byte and to the first data rows
 * (≤ 1 s targets) and RSS growth (≤ 100 MB target). To tell a leak from a late GC it also prints
 * the V8 heap: its peak during the export and what remains after a forced GC once it is over
 * (run with --expose-gc, as export-server.ts does). Prints one JSON line per format; exit code 1
 * when a target is missed.
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/c360_large npx tsx --expose-gc tests/bench/export-list.ts
 * BENCH_EXPORT_FORMATS=csv,xlsx (default both); BENCH_EXPORT_READ_DELAY_MS=N reads like a slow
 * client (N ms pause after every 64 KB read) to check that the producer waits instead of buffering.
 */
import { closeDb, getDb } from '@/db';
import { customerListCsvStream, customerListExportQuerySchema, customerListXlsxStream } from '@/lib/export/list';

const MB = 1024 * 1024;
const FORMATS = (process.env.BENCH_EXPORT_FORMATS ?? 'csv,xlsx').split(',') as ('csv' | 'xlsx')[];
const READ_DELAY_MS = Number(process.env.BENCH_EXPORT_READ_DELAY_MS ?? 0);

const forceGc = () => {
  // Two passes: the first may only move objects to the old generation.
  global.gc?.();
  global.gc?.();
};

async function measure(format: 'csv' | 'xlsx') {
  forceGc();
  const m0 = process.memoryUsage();
  let peakRss = m0.rss;
  let peakHeap = m0.heapUsed;
  const sample = () => {
    const m = process.memoryUsage();
    peakRss = Math.max(peakRss, m.rss);
    peakHeap = Math.max(peakHeap, m.heapUsed);
  };
  const timer = setInterval(sample, 50);
  const query = customerListExportQuerySchema.parse({ format, archived: 'include' });
  let rows = 0;
  const opts = { onDone: (n: number) => (rows = n) };
  const t0 = performance.now();
  const stream =
    format === 'csv' ? customerListCsvStream(getDb(), query, opts) : customerListXlsxStream(getDb(), query, opts);
  const reader = stream.getReader();
  let ttfb = -1;
  let bytes = 0;
  let firstData = -1;
  let lastPause = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    if (ttfb < 0) ttfb = performance.now() - t0;
    // The CSV header is enqueued before any query: also report the first byte after a DB batch.
    if (firstData < 0 && bytes > 0) firstData = performance.now() - t0;
    bytes += value.byteLength;
    if (READ_DELAY_MS && bytes - lastPause >= 64 * 1024) {
      lastPause = bytes;
      await new Promise((r) => setTimeout(r, READ_DELAY_MS));
    }
  }
  const total = performance.now() - t0;
  clearInterval(timer);
  sample();
  forceGc();
  const m1 = process.memoryUsage();
  return {
    format,
    rows,
    bytes,
    ttfbMs: Math.round(ttfb),
    firstRowsMs: Math.round(firstData),
    totalMs: Math.round(total),
    rssGrowthMb: Math.round((peakRss - m0.rss) / MB),
    heapPeakGrowthMb: Math.round((peakHeap - m0.heapUsed) / MB),
    // Only meaningful with --expose-gc: what the export left behind once collected.
    heapAfterGcGrowthMb: global.gc ? Math.round(((m1.heapUsed - m0.heapUsed) / MB) * 10) / 10 : null,
    rssAfterMb: Math.round(m1.rss / MB),
    readDelayMs: READ_DELAY_MS,
  };
}

async function main() {
  if (!process.env.DATABASE_URL) throw new Error('DATABASE_URL is required (e.g. the c360_large database).');
  if (!global.gc) console.warn('export-list: run with --expose-gc to measure the heap after a forced GC');
  let ok = true;
  for (const format of FORMATS) {
    const r = await measure(format);
    console.log(JSON.stringify(r));
    if (r.ttfbMs > 1000 || r.firstRowsMs > 1000 || r.rssGrowthMb > 100) ok = false;
  }
  console.log(ok ? 'export-list: targets met (first rows ≤ 1 s, RSS growth ≤ 100 MB)' : 'export-list: TARGET MISSED');
  await closeDb();
  process.exit(ok ? 0 : 1);
}

main().catch(async (e) => {
  console.error(e instanceof Error ? e.message : e);
  await closeDb().catch(() => {});
  process.exit(1);
});
