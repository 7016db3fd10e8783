/**
 * A bounded autocannon run (fixed connections and duration) that rotates request paths and headers
 * and keeps every response time, so p95 is exact (autocannon's own summary has p90/p97.5, no p95).
 */
import autocannon from 'autocannon';
import { pct } from './common';

export interface LoadStats {
  p50: number;
  p95: number;
  p99: number;
  rps: number;
  requests: number;
  non2xx: number;
  errors: number;
  statuses: Record<string, number>;
}

export interface LoadOptions {
  baseUrl: string;
  /** Paths (with query) rotated request after request. */
  paths: string[];
  /** Extra headers for the i-th request (e.g. rotating bearer tokens). */
  headers?: (i: number) => Record<string, string>;
  connections?: number;
  seconds?: number;
  /** Paced mode: total requests per second over all connections (below capacity: latency without queueing). */
  rate?: number;
}

export function runLoad(opts: LoadOptions): Promise<LoadStats> {
  const latencies: number[] = [];
  const statuses: Record<string, number> = {};
  let i = 0;
  return new Promise((resolve, reject) => {
    const instance = autocannon(
      {
        url: opts.baseUrl,
        connections: opts.connections ?? 20,
        duration: opts.seconds ?? 10,
        timeout: 30,
        ...(opts.rate ? { overallRate: opts.rate } : {}),
        requests: [
          {
            setupRequest: (req) => {
              const n = i++;
              return {
                ...req,
                method: 'GET',
                path: opts.paths[n % opts.paths.length],
                headers: { ...req.headers, ...(opts.headers?.(n) ?? {}) },
              };
            },
          },
        ],
      },
      (error, result) => {
        if (error) return reject(error);
        resolve({
          p50: pct(latencies, 50),
          p95: pct(latencies, 95),
          p99: pct(latencies, 99),
          rps: latencies.length / (result.duration || opts.seconds || 10),
          requests: latencies.length,
          non2xx: result.non2xx,
          errors: result.errors + result.timeouts,
          statuses,
        });
      },
    );
    instance.on('response', (_client, statusCode, _bytes, responseTime) => {
      latencies.push(responseTime);
      statuses[statusCode] = (statuses[statusCode] ?? 0) + 1;
    });
  });
}
