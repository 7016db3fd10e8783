/**
 * The caller's IP for rate limiting and consent proof. Behind a reverse proxy the first
 * X-Forwarded-For hop is the client; without one, Next sets it from the socket.
 */
export function clientIp(headers: Headers): string {
  const forwarded = headers.get('x-forwarded-for');
  if (forwarded) return forwarded.split(',')[0].trim().slice(0, 64);
  return (headers.get('x-real-ip') ?? 'unknown').slice(0, 64);
}
