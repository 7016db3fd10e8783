import { oidcConfig } from '@/lib/env';

/** What the login page shows of the single sign-on (nothing secret): its name, when configured. */
export function ssoButton(): { name: string } | null {
  const config = oidcConfig();
  return config ? { name: config.name } : null;
}
