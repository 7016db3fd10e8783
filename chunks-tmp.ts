import { gzipSync } from 'node:zlib';
import { BENCH_EMAIL, BENCH_PASSWORD, LARGE_DB, signIn, startNextServer } from './tests/bench/common';
const app = await startNextServer(3300, { DATABASE_URL: LARGE_DB }, 'chunks');
try {
  const cookie = await signIn(app.url, BENCH_EMAIL, BENCH_PASSWORD);
  const { default: postgres } = await import('postgres');
  const sql = postgres(LARGE_DB);
  const [c] = await sql`select customer_id as id from interventions group by customer_id order by count(*) desc limit 1`;
  await sql.end();
  const get = async (p: string) => {
    const html = await (await fetch(app.url + p, { headers: { cookie } })).text();
    return [...html.matchAll(/<script\b[^>]*\bsrc="([^"]+)"/g)].map((m) => m[1]);
  };
  const a = new Set(await get(`/customers/${c.id}`));
  const b = await get(`/customers/${c.id}/interventions`);
  for (const s of b.filter((x) => !a.has(x))) {
    const buf = Buffer.from(await (await fetch(app.url + s)).arrayBuffer());
    const t = buf.toString('utf8');
    console.log(s, Math.round(gzipSync(buf).length / 1024), 'kB', (t.match(/[\w@/.-]*node_modules\/[\w@.-]+(\/[\w.-]+)?/g) ?? []).slice(0, 0).join(' '), t.includes('base64url') ? 'base64url' : '', t.includes('signature') ? 'sig' : '', /zod|ZodError/.test(t) ? 'zod' : '', t.slice(0, 0));
  }
} finally {
  await app.stop?.();
  process.exit(0);
}
