import { createServer, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { and, count, eq } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '@/db';
import { customerActivity, customers, geocodeCache } from '@/db/schema';
import { GET as nearbyGET } from '@/app/api/customers/nearby/route';
import { PUT as locationPUT } from '@/app/api/customers/[id]/location/route';
import { GET as geocodeGET } from '@/app/api/geocode/route';
import { GET as postalGET } from '@/app/api/postal-codes/route';
import { geocodeCustomer, geocodeCustomerLater } from '@/lib/customers/geocode-on-save';
import { resetEnvCache } from '@/lib/env';
import { geocodeAddress } from '@/lib/geo/geocode';
import { haversineKm } from '@/lib/geo/haversine';
import { createCustomer, suiteBearers } from '@/tests/factories';
import { call } from '@/tests/factories/http';

const auth = suiteBearers();

const db = () => getDb();

/** Deterministic pseudo-random numbers (mulberry32): the same 300 customers on every run. */
function rng(seed: number) {
  return () => {
    seed |= 0;
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('GET /api/customers/nearby', () => {
  const LYON = { lat: 45.764, lon: 4.8357 };
  let points: { id: string; lat: number; lon: number }[] = [];

  beforeAll(async () => {
    const random = rng(42);
    const rows = Array.from({ length: 300 }, (_, i) => ({
      kind: 'individual' as const,
      lastName: `Proche${i}`,
      email: `proche${i}@exemple.fr`,
      // Within ~±1.5° of Lyon (≈ 165 km north-south), denser near the centre.
      latitude: LYON.lat + (random() - 0.5) * 3 * random(),
      longitude: LYON.lon + (random() - 0.5) * 4 * random(),
      geocodePrecision: 'commune' as const,
    }));
    const inserted = await db()
      .insert(customers)
      .values(rows)
      .returning({ id: customers.id, lat: customers.latitude, lon: customers.longitude });
    points = inserted.map((r) => ({ id: r.id, lat: r.lat!, lon: r.lon! }));
    // Never listed: without coordinates, archived, erased.
    await createCustomer({ lastName: 'SansCoord' });
    await createCustomer({ lastName: 'Archivé', latitude: LYON.lat, longitude: LYON.lon, archivedAt: new Date() });
    await createCustomer({ lastName: 'Effacé', latitude: LYON.lat, longitude: LYON.lon, erasedAt: new Date() });
  });

  const brute = (center: { lat: number; lon: number }, radiusKm: number, limit: number) =>
    points
      .map((p) => ({ id: p.id, d: haversineKm(center, p) }))
      .filter((p) => p.d <= radiusKm)
      .sort((a, b) => a.d - b.d || a.id.localeCompare(b.id))
      .slice(0, limit);

  it('returns exactly the brute-force answer, nearest first', async () => {
    const cases = [
      { center: LYON, radiusKm: 10, limit: 100 },
      { center: LYON, radiusKm: 50, limit: 100 },
      { center: LYON, radiusKm: 200, limit: 100 },
      { center: LYON, radiusKm: 200, limit: 7 },
      { center: { lat: 45.2, lon: 5.7 }, radiusKm: 35, limit: 100 },
      { center: { lat: 46.5, lon: 4.0 }, radiusKm: 0.1, limit: 10 },
    ];
    for (const { center, radiusKm, limit } of cases) {
      const res = await call(nearbyGET, {
        auth: auth.technician,
        query: { lat: String(center.lat), lon: String(center.lon), radiusKm: String(radiusKm), limit: String(limit) },
      });
      expect(res.status).toBe(200);
      const expected = brute(center, radiusKm, limit);
      const got = res.body.data as { id: string; distanceKm: number; displayName: string }[];
      expect(
        got.map((r) => r.id),
        `${radiusKm} km`,
      ).toEqual(expected.map((e) => e.id));
      got.forEach((r, i) => expect(r.distanceKm).toBeCloseTo(expected[i].d, 2));
      if (radiusKm === 10) expect(got.length).toBeGreaterThan(3);
    }
    const all = await call(nearbyGET, {
      auth: auth.viewer,
      query: { lat: String(LYON.lat), lon: String(LYON.lon), radiusKm: '1', limit: '100' },
    });
    const names = all.body.data.map((r: { displayName: string }) => r.displayName);
    expect(names).not.toContain('Camille Archivé');
    expect(names).not.toContain('Camille Effacé');
  });

  it('validates its parameters and requires a signed-in reader', async () => {
    const q = (over: Record<string, string>) => ({ lat: '45.7', lon: '4.8', ...over });
    for (const bad of [
      q({ radiusKm: '0.05' }),
      q({ radiusKm: '201' }),
      q({ limit: '101' }),
      q({ lat: '91' }),
      q({ lon: 'abc' }),
      { lon: '4.8' },
    ]) {
      const res = await call(nearbyGET, { auth: auth.admin, query: bad });
      expect(res.status, JSON.stringify(bad)).toBe(422);
      expect(res.body.error.code).toBe('validation_failed');
    }
    expect((await call(nearbyGET, { query: q({}) })).status).toBe(401);
  });
});

describe('GET /api/postal-codes and /api/geocode (offline)', () => {
  it('suggests communes for a signed-in user, ≤ 20 results, ≥ 2 characters', async () => {
    const res = await call(postalGET, { auth: auth.viewer, query: { q: 'saint-étienne', limit: '20' } });
    expect(res.status).toBe(200);
    expect(res.body.data[0]).toMatchObject({ postalCode: '42000', city: 'Saint-Étienne', inseeCode: '42218' });
    expect(res.body.data.length).toBeLessThanOrEqual(20);
    expect((await call(postalGET, { auth: auth.viewer, query: { q: '6' } })).status).toBe(422);
    expect((await call(postalGET, { auth: auth.viewer, query: { q: 'ly', limit: '21' } })).status).toBe(422);
    expect((await call(postalGET, { query: { q: 'lyon' } })).status).toBe(401);
  });

  it('geocodes a free-text address at commune precision without GEOCODER_URL; 404 when unknown', async () => {
    const res = await call(geocodeGET, {
      auth: auth.technician,
      query: { address: '12 rue de la République, 69002 Lyon' },
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ precision: 'commune', source: 'offline', label: 'Lyon (69002)' });
    expect(haversineKm({ lat: res.body.latitude, lon: res.body.longitude }, { lat: 45.76, lon: 4.84 })).toBeLessThan(3);
    const unknown = await call(geocodeGET, { auth: auth.technician, query: { address: 'Nulle part 00000' } });
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.code).toBe('not_found');
    expect((await call(geocodeGET, { auth: auth.technician, query: {} })).status).toBe(422);
  });
});

describe('geocoding on save', () => {
  let server: Server | undefined;
  const sockets = new Set<Socket>();

  async function startServer(handler: Parameters<typeof createServer>[1]): Promise<string> {
    server = createServer(handler);
    server.on('connection', (s) => {
      sockets.add(s);
      s.on('close', () => sockets.delete(s));
    });
    await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }
  function useGeocoder(url: string | undefined, timeoutMs = 300) {
    if (url) process.env.GEOCODER_URL = url;
    else delete process.env.GEOCODER_URL;
    process.env.GEOCODER_TIMEOUT_MS = String(timeoutMs);
    resetEnvCache();
  }

  afterEach(async () => {
    for (const s of sockets) s.destroy();
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
    server = undefined;
    useGeocoder(undefined, 1500);
  });
  afterAll(() => {
    delete process.env.GEOCODER_TIMEOUT_MS;
    resetEnvCache();
  });

  it('falls back to commune precision within the timeout when the geocoder never answers', async () => {
    let hits = 0;
    useGeocoder(await startServer(() => void hits++), 300); // never responds
    const c = await createCustomer({
      addressLine1: '3 rue Mercière',
      postalCode: '69002',
      city: 'Lyon',
      latitude: null,
      longitude: null,
    });
    const started = Date.now();
    const result = await geocodeCustomer(db(), c.id);
    const elapsed = Date.now() - started;
    // Offline lookup is instant: waiting ~the timeout proves the online attempt was made and abandoned.
    expect(hits).toBeLessThanOrEqual(1);
    expect(elapsed).toBeGreaterThanOrEqual(250);
    expect(elapsed).toBeLessThan(2500);
    expect(result).toMatchObject({ precision: 'commune', source: 'offline' });
    const [row] = await db().select().from(customers).where(eq(customers.id, c.id));
    expect(row).toMatchObject({ geocodePrecision: 'commune', geocodeSource: 'offline', agency: 'Agence Lyon' });
    // Derived data: the user's open form (based on updatedAt) must not become stale.
    expect(row.updatedAt.getTime()).toBe(c.updatedAt.getTime());
    const [act] = await db()
      .select()
      .from(customerActivity)
      .where(and(eq(customerActivity.customerId, c.id), eq(customerActivity.title, 'Adresse géolocalisée')));
    expect(act).toMatchObject({ type: 'profile', actorKind: 'system' });
    // Nothing cached for a failed lookup.
    const [{ n }] = await db().select({ n: count() }).from(geocodeCache);
    expect(Number(n)).toBe(0);
  });

  it('does not block the caller: geocodeCustomerLater returns at once, the result lands later', async () => {
    useGeocoder(
      await startServer((_req, res) => {
        // Answers after 5 s — far beyond the timeout.
        setTimeout(
          () => res.writeHead(200, { 'content-type': 'application/json' }).end('{"features":[]}'),
          5000,
        ).unref();
      }),
      400,
    );
    const c = await createCustomer({
      addressLine1: '1 place Bellecour',
      postalCode: '69002',
      city: 'Lyon',
      latitude: null,
      longitude: null,
    });
    const started = Date.now();
    geocodeCustomerLater(c.id);
    expect(Date.now() - started).toBeLessThan(100);
    let row = (await db().select().from(customers).where(eq(customers.id, c.id)))[0];
    expect(row.latitude).toBeNull();
    for (let i = 0; i < 60 && row.latitude === null; i++) {
      await new Promise((r) => setTimeout(r, 100));
      row = (await db().select().from(customers).where(eq(customers.id, c.id)))[0];
    }
    expect(Date.now() - started).toBeLessThan(4000);
    expect(row.geocodePrecision).toBe('commune');
  });

  it('uses a BAN-compatible geocoder (housenumber precision) and caches its answer', async () => {
    const requests: string[] = [];
    useGeocoder(
      await startServer((req, res) => {
        requests.push(req.url ?? '');
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(
          JSON.stringify({
            type: 'FeatureCollection',
            features: [
              {
                type: 'Feature',
                geometry: { type: 'Point', coordinates: [4.8342, 45.7578] },
                properties: { label: '12 Rue de la République 69002 Lyon', score: 0.97, type: 'housenumber' },
              },
            ],
          }),
        );
      }),
      2000,
    );
    const c = await createCustomer({ addressLine1: '12 rue de la République', postalCode: '69002', city: 'Lyon' });
    const result = await geocodeCustomer(db(), c.id);
    expect(result).toMatchObject({
      precision: 'housenumber',
      source: 'ban',
      latitude: 45.7578,
      longitude: 4.8342,
      label: '12 Rue de la République 69002 Lyon',
    });
    expect(requests).toHaveLength(1);
    const url = new URL(requests[0], 'http://x');
    expect(url.pathname).toBe('/search/');
    expect(url.searchParams.get('q')).toBe('12 rue de la République 69002 Lyon');
    expect(url.searchParams.get('limit')).toBe('1');
    const [row] = await db().select().from(customers).where(eq(customers.id, c.id));
    expect(row).toMatchObject({
      latitude: 45.7578,
      longitude: 4.8342,
      geocodePrecision: 'housenumber',
      geocodeSource: 'ban',
    });
    const cached = await db().select().from(geocodeCache);
    expect(cached).toHaveLength(1);
    expect(cached[0]).toMatchObject({ precision: 'housenumber', source: 'ban', latitude: 45.7578 });

    // Same address written differently: served from the cache, the server is not asked again.
    const again = await geocodeAddress({ line1: '12, Rue de la REPUBLIQUE', postalCode: '69002', city: 'LYON' });
    expect(again).toMatchObject({ precision: 'housenumber', latitude: 45.7578 });
    const viaApi = await call(geocodeGET, {
      auth: auth.viewer,
      query: { address: '12 rue de la république 69002 lyon' },
    });
    expect(viaApi.body).toMatchObject({ precision: 'housenumber' });
    expect(requests).toHaveLength(1);
  });

  it('ignores unusable geocoder answers (HTTP 500, garbage JSON) and keeps offline precision', async () => {
    let n = 0;
    useGeocoder(
      await startServer((_req, res) => {
        n++;
        if (n === 1) res.writeHead(500).end('boom');
        else
          res
            .writeHead(200, { 'content-type': 'application/json' })
            .end('{"features":[{"geometry":{"coordinates":"x"}}]}');
      }),
      1000,
    );
    for (let i = 0; i < 2; i++) {
      const r = await geocodeAddress({ line1: `${i} avenue Jean Jaurès`, postalCode: '20000', city: 'Ajaccio' });
      expect(r).toMatchObject({ precision: 'commune', source: 'offline', label: 'Ajaccio (20000)' });
    }
    expect(n).toBe(2);
  });

  it('stores a manual pin correction (precision manual) for field roles only', async () => {
    const c = await createCustomer({ latitude: 45.75, longitude: 4.85, geocodePrecision: 'commune' });
    const ok = await call(locationPUT, {
      method: 'PUT',
      params: { id: c.id },
      auth: auth.technician,
      body: { lat: 45.7601234567, lon: 4.8412 },
    });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({
      latitude: 45.760123,
      longitude: 4.8412,
      geocodePrecision: 'manual',
      geocodeSource: 'manual',
      agency: 'Agence Lyon',
    });
    const [act] = await db()
      .select()
      .from(customerActivity)
      .where(and(eq(customerActivity.customerId, c.id), eq(customerActivity.title, 'Position corrigée sur la carte')));
    expect(act.metadata).toMatchObject({ from: { latitude: 45.75 }, to: { latitude: 45.760123 } });
    expect(
      (await call(locationPUT, { method: 'PUT', params: { id: c.id }, auth: auth.viewer, body: { lat: 45, lon: 4 } }))
        .status,
    ).toBe(403);
    expect(
      (await call(locationPUT, { method: 'PUT', params: { id: c.id }, auth: auth.admin, body: { lat: 95, lon: 4 } }))
        .status,
    ).toBe(422);
    expect(
      (
        await call(locationPUT, {
          method: 'PUT',
          params: { id: crypto.randomUUID() },
          auth: auth.admin,
          body: { lat: 45, lon: 4 },
        })
      ).status,
    ).toBe(404);
    const [row] = await db().select().from(customers).where(eq(customers.id, c.id));
    expect(row.latitude).toBe(45.760123);
  });
});
