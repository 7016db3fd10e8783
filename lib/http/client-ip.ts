import { env } from '@/lib/env';
import { pickClientAddress } from './forwarded';

/**
 * The caller's IP, for rate limits, the audit trail and consent proof: the socket address that npm start's
 * server appends to X-Forwarded-For, or the entry TRUSTED_PROXIES says to believe (README "Security").
 * Every place that records or limits by address uses this function.
 */
export function clientIp(headers: Headers): string {
  return pickClientAddress(headers.get('x-forwarded-for'), env().TRUSTED_PROXIES);
}
