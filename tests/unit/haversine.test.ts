import { describe, expect, it } from 'vitest';
import { boundingBox, formatDistance, haversineKm } from '@/lib/geo/haversine';

const PARIS = { lat: 48.8566, lon: 2.3522 };
const LYON = { lat: 45.764, lon: 4.8357 };

describe('haversineKm', () => {
  it('knows known distances', () => {
    expect(haversineKm(PARIS, LYON)).toBeGreaterThan(390);
    expect(haversineKm(PARIS, LYON)).toBeLessThan(394);
    // Marseille – Nice ≈ 159 km; Paris – New York ≈ 5 837 km.
    expect(haversineKm({ lat: 43.2965, lon: 5.3698 }, { lat: 43.7102, lon: 7.262 })).toBeCloseTo(159, -1);
    expect(Math.abs(haversineKm(PARIS, { lat: 40.7128, lon: -74.006 }) - 5837)).toBeLessThan(10);
  });

  it('is symmetric and zero on the same point', () => {
    expect(haversineKm(PARIS, PARIS)).toBe(0);
    expect(haversineKm(LYON, PARIS)).toBeCloseTo(haversineKm(PARIS, LYON), 9);
  });
});

describe('boundingBox', () => {
  it('contains every point of the circle (checked on its rim)', () => {
    for (const center of [PARIS, { lat: -20.88, lon: 55.45 }, { lat: 70, lon: 20 }]) {
      for (const r of [0.1, 5, 50, 200]) {
        const box = boundingBox(center, r);
        for (let bearing = 0; bearing < 360; bearing += 5) {
          // A point at distance r*0.999 along the bearing (spherical destination formula).
          const d = (r * 0.999) / 6371.0088;
          const b = (bearing * Math.PI) / 180;
          const la1 = (center.lat * Math.PI) / 180;
          const lo1 = (center.lon * Math.PI) / 180;
          const la2 = Math.asin(Math.sin(la1) * Math.cos(d) + Math.cos(la1) * Math.sin(d) * Math.cos(b));
          const lo2 =
            lo1 + Math.atan2(Math.sin(b) * Math.sin(d) * Math.cos(la1), Math.cos(d) - Math.sin(la1) * Math.sin(la2));
          const p = { lat: (la2 * 180) / Math.PI, lon: (lo2 * 180) / Math.PI };
          expect(p.lat).toBeGreaterThanOrEqual(box.minLat);
          expect(p.lat).toBeLessThanOrEqual(box.maxLat);
          expect(p.lon).toBeGreaterThanOrEqual(box.minLon);
          expect(p.lon).toBeLessThanOrEqual(box.maxLon);
        }
      }
    }
  });
});

describe('formatDistance', () => {
  it('formats in French', () => {
    expect(formatDistance(0.85)).toBe('850 m');
    expect(formatDistance(3.456)).toBe('3,5 km');
    expect(formatDistance(391.5)).toMatch(/^39[12] km$/);
  });
});
