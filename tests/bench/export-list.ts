/**
 * Benchmark: stream the whole customer list (CSV, then XLSX) from DATABASE_URL (e.g. the
 * c360_large database built by `npm run seed:large`, 100k customers) through the same stream
 * builders the route handler returns, measuring time to first byte (< 1 s target) and RSS growth
 * (< 100 MB target). Prints figures; exit code 1 when a target is missed.
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/c360_large npx tsx tests/bench/export-list.ts
 */
import { closeDb, getDb } from '@/db';
import { customerListCsvStream, customerListExportQuerySchema, customerListXlsxStream } from '@/lib/export/list';

async function measure(format: 'csv' | 'xlsx') {
  global.gc?.();
  const rss0 = process.memoryUsage().rss;
  let peak = rss0;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 50);
  const query = customerListExportQuerySchema.parse({ format, archived: 'include' });
  let rows = 0;
  const t0 = performance.now();
  const stream = format === 'csv' ? customerListCsvStream(getDb(), query, (n) => (rows = n)) : customerListXlsxStream(getDb(), query, (n) => (rows = n));
  const reader = stream.getReader();
  let ttfb = -1;
  let bytes = 0;
  let firstData = -1;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    if (ttfb < 0) ttfb = performance.now() - t0;
    // The CSV header is enqueued before any query: also report the first byte after a DB batch.
    if (firstData < 0 && bytes > 0) firstData = performance.now() - t0;
    bytes += value.byteLength;
  }
  const total = performance.now() - t0;
  clearInterval(timer);
  peak = Math.max(peak, process.memoryUsage().rss);
  return { format, rows, bytes, ttfbMs: Math.round(ttfb), firstRowsMs: Math.round(firstData), totalMs: Math.round(total), rssGrowthMb: Math.round((peak - rss0) / 1e6) };
}

async function main() {
  if (!process.env.DATABASE_URL) throw new Error('DATABASE_URL is required (e.g. the c360_large database).');
  let ok = true;
  for (const format of ['csv', 'xlsx'] as const) {
    const r = await measure(format);
    console.log(JSON.stringify(r));
    if (r.ttfbMs > 1000 || r.firstRowsMs > 1000 || r.rssGrowthMb > 100) ok = false;
  }
  console.log(ok ? 'export-list: targets met (TTFB < 1 s, RSS growth < 100 MB)' : 'export-list: TARGET MISSED');
  await closeDb();
  process.exit(ok ? 0 : 1);
}

main().catch(async (e) => {
  console.error(e instanceof Error ? e.message : e);
  await closeDb().catch(() => {});
  process.exit(1);
});
