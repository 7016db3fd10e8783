import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '@/db';
import { nearbyQuery, nearbyQuerySchema } from '@/lib/geo/nearby';

/**
 * Proof that "customers near me" does not scan the table at scale: 100k customers spread over
 * metropolitan France, ANALYZE, then EXPLAIN of the exact query the API runs.
 * PostgreSQL only (PGlite's planner is the same, but 100k inserts there are slow and its stats are
 * not what production sees).
 */
describe.skipIf(process.env.TEST_DRIVER !== 'postgres')('nearby query plan at 100k customers', () => {
  beforeAll(async () => {
    const db = getDb();
    await db.execute(sql`
      insert into customers (kind, last_name, email, latitude, longitude, geocode_precision)
      select 'individual', 'Client ' || g, 'c' || g || '@exemple.fr',
             42.3 + random() * 8.8, -4.8 + random() * 13.0, 'commune'
      from generate_series(1, 100000) as g`);
    await db.execute(sql`analyze customers`);
  }, 180_000);

  async function plan(query: { sql: string; params: unknown[] }) {
    const db = getDb();
    // Inline the parameters (numbers only) so EXPLAIN sees the same constants the planner would.
    let text = query.sql;
    query.params.forEach((p, i) => {
      text = text.replace(
        new RegExp(`\\$${i + 1}(?!\\d)`, 'g'),
        typeof p === 'number' ? `${p}` : `'${String(p).replace(/'/g, "''")}'`,
      );
    });
    const res = await db.execute(sql.raw(`explain (format text) ${text}`));
    const rows = (Array.isArray(res) ? res : (res as { rows: unknown[] }).rows) as Record<string, string>[];
    return rows.map((r) => Object.values(r)[0]).join('\n');
  }

  for (const radiusKm of [5, 25, 100]) {
    it(`uses customers_geo_idx, never a sequential scan (radius ${radiusKm} km)`, async () => {
      const q = nearbyQuerySchema.parse({ lat: '45.764', lon: '4.8357', radiusKm: String(radiusKm), limit: '50' });
      const text = await plan(nearbyQuery(getDb(), q).toSQL());
      if (process.env.SHOW_PLAN) console.log(text);
      expect(text, text).toMatch(/(Index Scan|Index Only Scan|Bitmap Index Scan) (using|on) customers_geo_idx/);
      expect(text, text).not.toMatch(/Seq Scan on customers/);
    });
  }

  it('returns the same rows as a brute-force scan', async () => {
    const q = nearbyQuerySchema.parse({ lat: '45.764', lon: '4.8357', radiusKm: '20', limit: '100' });
    const rows = await nearbyQuery(getDb(), q);
    const res = await getDb().execute(sql`
      select id from customers
      where latitude is not null
        and 2 * 6371.0088 * asin(least(1, sqrt(power(sin(radians(latitude - 45.764) / 2), 2)
            + cos(radians(45.764)) * cos(radians(latitude)) * power(sin(radians(longitude - 4.8357) / 2), 2)))) <= 20
      order by 2 * 6371.0088 * asin(least(1, sqrt(power(sin(radians(latitude - 45.764) / 2), 2)
            + cos(radians(45.764)) * cos(radians(latitude)) * power(sin(radians(longitude - 4.8357) / 2), 2)))), id
      limit 100`);
    const brute = (Array.isArray(res) ? res : (res as { rows: unknown[] }).rows) as { id: string }[];
    expect(rows.length).toBeGreaterThan(10);
    expect(rows.map((r) => r.id)).toEqual(brute.map((r) => r.id));
  });
});
