import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import { EnvError, parseEnv } from '@/lib/env';
import {
  addressBucket,
  normalizeIp,
  parseTrustedProxies,
  pickClientAddress,
  withPeerAddress,
} from '@/lib/http/forwarded';

describe('TRUSTED_PROXIES', () => {
  it('is a hop count or a list of addresses and CIDR ranges', () => {
    expect(parseEnv({}).TRUSTED_PROXIES).toBeUndefined();
    expect(parseEnv({ TRUSTED_PROXIES: '1' }).TRUSTED_PROXIES).toEqual({ hops: 1 });
    expect(parseEnv({ TRUSTED_PROXIES: '0' }).TRUSTED_PROXIES).toEqual({ hops: 0 });
    const trust = parseTrustedProxies('10.0.0.0/8, 192.168.1.5 ,fd00::/8');
    expect('ranges' in trust && trust.ranges.check('10.20.30.40', 'ipv4')).toBe(true);
    expect('ranges' in trust && trust.ranges.check('192.168.1.6', 'ipv4')).toBe(false);
    expect('ranges' in trust && trust.ranges.check('fd12::1', 'ipv6')).toBe(true);
  });

  it.each([
    'yes',
    '11',
    '-1',
    '1.5',
    '10.0.0.0/33',
    '10.0.0.0/',
    '10.0.0.0/8/1',
    '10.0.0.0/8,',
    'fd00::/129',
    '300.1.1.1',
  ])('refuses %j with one line naming the variable', (value) => {
    let error: unknown;
    try {
      parseEnv({ TRUSTED_PROXIES: value });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(EnvError);
    expect((error as Error).message).toContain('TRUSTED_PROXIES');
    expect((error as Error).message).not.toContain('\n');
  });
});

describe('pickClientAddress', () => {
  it('without trusted proxies, is the socket address (the last entry), whatever the client wrote before it', () => {
    expect(pickClientAddress('198.51.100.9', undefined)).toBe('198.51.100.9');
    expect(pickClientAddress('6.6.6.6, 7.7.7.7, 198.51.100.9', undefined)).toBe('198.51.100.9');
    expect(pickClientAddress('::ffff:127.0.0.1', undefined)).toBe('127.0.0.1');
    expect(pickClientAddress(null, undefined)).toBe('unknown');
    expect(pickClientAddress(' , ', undefined)).toBe('unknown');
    expect(pickClientAddress('6.6.6.6, not-an-ip', undefined)).toBe('unknown');
  });

  it('with a hop count, believes the entry that many proxies left of the socket', () => {
    const one = parseTrustedProxies('1');
    expect(pickClientAddress('6.6.6.6, 203.0.113.4, 10.0.0.2', one)).toBe('203.0.113.4');
    // Fewer entries than proxies (a request that bypassed them): the leftmost one, never an index out of range.
    expect(pickClientAddress('10.0.0.2', parseTrustedProxies('2'))).toBe('10.0.0.2');
    expect(pickClientAddress('6.6.6.6, 203.0.113.4', parseTrustedProxies('0'))).toBe('203.0.113.4');
  });

  it('with ranges, skips trusted proxies from the right and stops at the first other address', () => {
    const trust = parseTrustedProxies('10.0.0.0/8, 2001:db8:ffff::/48');
    expect(pickClientAddress('6.6.6.6, 203.0.113.4, 10.0.0.9, 10.0.0.2', trust)).toBe('203.0.113.4');
    expect(pickClientAddress('6.6.6.6, 203.0.113.4, 2001:db8:ffff::1', trust)).toBe('203.0.113.4');
    // A client outside the ranges talking to us directly: its own header is ignored.
    expect(pickClientAddress('10.0.0.5, 198.51.100.3', trust)).toBe('198.51.100.3');
    expect(pickClientAddress('10.0.0.5, 10.0.0.6', trust)).toBe('10.0.0.5');
  });

  it('normalizes ports, brackets, IPv4-mapped and case', () => {
    expect(normalizeIp('203.0.113.4:5123')).toBe('203.0.113.4');
    expect(normalizeIp('[2001:DB8::1]:443')).toBe('2001:db8::1');
    expect(normalizeIp('::FFFF:10.1.2.3')).toBe('10.1.2.3');
    expect(normalizeIp('unknown')).toBeNull();
    expect(normalizeIp('1.2.3.4.5')).toBeNull();
  });

  it('rate-limits IPv6 clients per /64, IPv4 per address', () => {
    expect(addressBucket('203.0.113.4')).toBe('203.0.113.4');
    expect(addressBucket('2001:db8:1:2:3:4:5:6')).toBe('2001:db8:1:2::/64');
    expect(addressBucket('2001:db8:1:2::9')).toBe('2001:db8:1:2::/64');
    expect(addressBucket('2001:db8::1')).toBe('2001:db8:0:0::/64');
    expect(addressBucket('::1')).toBe('0:0:0:0::/64');
    expect(addressBucket('unknown')).toBe('unknown');
  });
});

describe("npm start's server (withPeerAddress)", () => {
  let server: Server;
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  it('appends the real socket address to a forged X-Forwarded-For', async () => {
    server = createServer(withPeerAddress((req, res) => res.end(req.headers['x-forwarded-for'])));
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const { port } = server.address() as AddressInfo;
    const get = (headers: Record<string, string | string[]>) =>
      new Promise<string>((resolve, reject) => {
        const req = request({ host: '127.0.0.1', port, headers }, (res) => {
          let body = '';
          res.on('data', (c) => (body += c));
          res.on('end', () => resolve(body));
        });
        req.on('error', reject);
        req.end();
      });
    expect(await get({})).toBe('127.0.0.1');
    const forged = await get({ 'x-forwarded-for': '6.6.6.6' });
    expect(forged).toBe('6.6.6.6, 127.0.0.1');
    expect(pickClientAddress(forged, undefined)).toBe('127.0.0.1');
    // Two forged headers: Node joins them, the socket still comes last.
    expect(await get({ 'x-forwarded-for': ['6.6.6.6', '7.7.7.7'] })).toBe('6.6.6.6, 7.7.7.7, 127.0.0.1');
  });
});
