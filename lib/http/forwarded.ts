import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import { BlockList, isIP } from 'node:net';

/**
 * The client-address rule (README Security, "Client address"), without the configuration: npm start's
 * server appends the TCP peer to X-Forwarded-For, so the last entry is always the socket address; entries
 * to its left were written by whoever sent them and are believed only as far as TRUSTED_PROXIES says.
 */

/** TRUSTED_PROXIES parsed: how many proxies to skip from the right, or the addresses of the trusted ones. */
export type ProxyTrust = { hops: number } | { ranges: BlockList; text: string };

const MAX_HOPS = 10;

/** A hop count ("1") or a comma-separated list of addresses and CIDR ranges. Throws a one-line message. */
export function parseTrustedProxies(value: string): ProxyTrust {
  const text = value.trim();
  if (/^\d+$/.test(text)) {
    const hops = Number(text);
    if (hops > MAX_HOPS) throw new Error(`a hop count must be at most ${MAX_HOPS}`);
    return { hops };
  }
  const ranges = new BlockList();
  for (const item of text.split(',').map((s) => s.trim())) {
    const [address, prefix, extra] = item.split('/');
    const family = isIP(address ?? '');
    const max = family === 6 ? 128 : 32;
    const bits = prefix === undefined ? max : /^\d{1,3}$/.test(prefix) ? Number(prefix) : NaN;
    if (!family || extra !== undefined || !(bits <= max))
      throw new Error(`must be a hop count or a comma-separated list of IP addresses or CIDR ranges, not "${item}"`);
    ranges.addSubnet(address!, bits, family === 6 ? 'ipv6' : 'ipv4');
  }
  return { ranges, text };
}

/** A bare IP from an X-Forwarded-For entry ("203.0.113.4", "203.0.113.4:5123", "[2001:db8::1]:443"), else null. */
export function normalizeIp(entry: string): string | null {
  let value = entry.trim();
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(value);
  if (bracketed) value = bracketed[1]!;
  else if (/^[\d.]+:\d+$/.test(value)) value = value.slice(0, value.lastIndexOf(':'));
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(value);
  if (mapped) value = mapped[1]!;
  const family = isIP(value);
  if (!family) return null;
  return family === 6 ? value.toLowerCase() : value;
}

/** The client's address from an X-Forwarded-For whose last entry is the socket peer; 'unknown' when unusable. */
export function pickClientAddress(forwardedFor: string | null, trust: ProxyTrust | undefined): string {
  const chain = (forwardedFor ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  if (chain.length === 0) return 'unknown';
  let i = chain.length - 1;
  if (trust && 'hops' in trust) i = Math.max(0, i - trust.hops);
  else if (trust) {
    // Walk left past our own proxies; the first address that is not one of them is the client.
    while (i > 0) {
      const ip = normalizeIp(chain[i]!);
      if (!ip || !trust.ranges.check(ip, isIP(ip) === 6 ? 'ipv6' : 'ipv4')) break;
      i--;
    }
  }
  return normalizeIp(chain[i]!) ?? 'unknown';
}

/** What a proxy does: the X-Forwarded-For received, then the address of the socket it came from. */
export function appendForwardedFor(prior: string | string[] | undefined, peer: string | undefined): string {
  const received = Array.isArray(prior) ? prior.join(', ') : (prior ?? '');
  const socket = peer ?? 'unknown';
  return received.trim() ? `${received}, ${socket}` : socket;
}

/**
 * Wraps npm start's request listener. Next itself fills X-Forwarded-For from the socket only when the
 * header is missing, so without this a client's forged value is all the app would see.
 */
export function withPeerAddress(listener: (req: IncomingMessage, res: ServerResponse) => unknown): RequestListener {
  return (req, res) => {
    req.headers['x-forwarded-for'] = appendForwardedFor(req.headers['x-forwarded-for'], req.socket.remoteAddress);
    Promise.resolve(listener(req, res)).catch((error: unknown) => {
      console.error('[server]', error);
      if (!res.headersSent) res.writeHead(500);
      res.end();
    });
  };
}

/** The key an address is rate-limited under: an IPv6 client controls a whole /64, so that is one key. */
export function addressBucket(ip: string): string {
  if (isIP(ip) !== 6) return ip;
  const [head = '', tail = ''] = ip.split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  // An embedded IPv4 suffix (::ffff:a.b.c.d forms) counts as two groups; it sits past the /64 anyway.
  const rightGroups = right.reduce((n, g) => n + (g.includes('.') ? 2 : 1), 0);
  const groups = ip.includes('::') ? [...left, ...Array(8 - left.length - rightGroups).fill('0'), ...right] : left;
  return `${groups
    .slice(0, 4)
    .map((g) => g.replace(/^0+(?=.)/, ''))
    .join(':')}::/64`;
}
