import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { ROLES, type Role } from '@/db/schema/enums';
import { parseTrustedProxies } from '@/lib/http/forwarded';

/**
 * The only reader of process.env. Every variable is optional; a bad value
 * raises an EnvError whose message is one line naming the variable.
 */

const agencySchema = z.object({
  name: z.string().min(1),
  lat: z.number().min(-90).max(90),
  lon: z.number().min(-180).max(180),
});
export type Agency = z.infer<typeof agencySchema>;

const DEFAULT_AGENCIES: Agency[] = [
  { name: 'Agence Paris', lat: 48.8566, lon: 2.3522 },
  { name: 'Agence Lyon', lat: 45.764, lon: 4.8357 },
  { name: 'Agence Marseille', lat: 43.2965, lon: 5.3698 },
];

/** The documented demo password: refused for a production demo (README "Security"). */
export const DEFAULT_DEMO_PASSWORD = 'customer360';

const boolish = z
  .enum(['0', '1', 'true', 'false', 'yes', 'no', ''])
  .transform((v) => v === '1' || v === 'true' || v === 'yes');

const urlWithProtocol = (protocols: string[]) =>
  z
    .string()
    .url()
    .refine((v) => protocols.some((p) => v.startsWith(`${p}:`)), {
      message: `must start with ${protocols.map((p) => `${p}://`).join(' or ')}`,
    });

const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  DATABASE_URL: urlWithProtocol(['postgres', 'postgresql']).optional(),
  DATA_DIR: z.string().min(1).default('./.data'),
  AUTH_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  // Unset: on for the embedded default (no DATABASE_URL), off with PostgreSQL (README "Security").
  DEMO: boolish.optional(),
  DEMO_PASSWORD: z.string().min(8, 'must be at least 8 characters').default(DEFAULT_DEMO_PASSWORD),
  // Key of the erasure tombstone hashes; unset: derived from the auth secret (README "Security").
  ERASURE_KEY: z.string().min(32, 'must be at least 32 characters').optional(),
  REDIS_URL: urlWithProtocol(['redis', 'rediss']).optional(),
  UPLOADTHING_TOKEN: z.string().min(10).optional(),
  MAX_UPLOAD_MB: z.coerce.number().positive().max(2048).default(20),
  MAX_JSON_KB: z.coerce.number().int().positive().max(10240).default(256),
  SMTP_URL: urlWithProtocol(['smtp', 'smtps']).optional(),
  MAIL_FROM: z.string().min(3).default('Customer 360 <no-reply@customer360.local>'),
  // Offline by default (no request leaves the machine): `none` draws the pin on a plain background.
  // Set e.g. https://tile.openstreetmap.org/{z}/{x}/{y}.png where the browsers can reach a tile server.
  MAP_TILE_URL: z
    .string()
    .min(1)
    .refine(
      (v) => v === 'none' || /^https?:\/\/.+\{z\}.+\{x\}.+\{y\}/.test(v),
      'must be none or an http(s) URL with {z}, {x} and {y}',
    )
    .default('none'),
  GEOCODER_URL: urlWithProtocol(['http', 'https']).optional(),
  GEOCODER_TIMEOUT_MS: z.coerce.number().int().positive().max(30000).default(1500),
  AGENCIES: z
    .string()
    .transform((v, ctx) => {
      try {
        return z.array(agencySchema).min(1).parse(JSON.parse(v));
      } catch {
        ctx.addIssue({ code: 'custom', message: 'must be a JSON array of {name, lat, lon}' });
        return z.NEVER;
      }
    })
    .optional(),
  // Which X-Forwarded-For entry is the client: README "Security". Unset: the socket address.
  TRUSTED_PROXIES: z
    .string()
    .transform((v, ctx) => {
      try {
        return parseTrustedProxies(v);
      } catch (error) {
        ctx.addIssue({ code: 'custom', message: (error as Error).message });
        return z.NEVER;
      }
    })
    .optional(),
  BACKUP_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(30),
  // Interventions: technicians may set unit prices nobody gave them; the service interval (months, km).
  INTERVENTION_TECH_PRICING: boolish.default(false),
  /** Register the service worker under `next dev` too (it always is in production builds). */
  SW_DEV: boolish.default(false),
  SERVICE_INTERVAL_MONTHS: z.coerce.number().int().min(1).max(120).default(12),
  SERVICE_INTERVAL_KM: z.coerce.number().int().min(1000).max(200_000).default(15_000),
  // The address people open (links in invitation and reset e-mails); never taken from a request's Host header.
  APP_URL: urlWithProtocol(['http', 'https']).optional(),
  // Single sign-on by OpenID Connect (README "Single sign-on"): all three set, or none.
  OIDC_ISSUER: urlWithProtocol(['http', 'https']).optional(),
  OIDC_CLIENT_ID: z.string().min(1).optional(),
  OIDC_CLIENT_SECRET: z.string().min(1).optional(),
  OIDC_NAME: z.string().min(1).max(60).default('SSO'),
  // Unset: only existing (invited) users may sign in by SSO. Set: unknown people are created with this role.
  OIDC_AUTO_CREATE_ROLE: z.enum(ROLES).optional(),
  // The role comes from the app unless both are set: the claim to read, and `idp-value=role,…`.
  OIDC_ROLE_CLAIM: z.string().min(1).optional(),
  OIDC_ROLE_MAP: z
    .string()
    .transform((v, ctx) => {
      const map: Record<string, Role> = {};
      for (const pair of v
        .split(',')
        .map((p) => p.trim())
        .filter(Boolean)) {
        const [value, role] = pair.split('=').map((p) => p.trim());
        if (!value || !(ROLES as readonly string[]).includes(role ?? '')) {
          ctx.addIssue({ code: 'custom', message: `must be idp-value=role pairs (roles: ${ROLES.join(', ')})` });
          return z.NEVER;
        }
        map[value] = role as Role;
      }
      return map;
    })
    .optional(),
  TEST_DRIVER: z.enum(['pglite', 'postgres']).optional(),
  TEST_DATABASE_URL: urlWithProtocol(['postgres', 'postgresql']).optional(),
});

export type Env = Omit<z.infer<typeof envSchema>, 'AGENCIES' | 'DEMO'> & {
  AGENCIES: Agency[];
  /** Resolved: DEMO when set, else on only for the embedded database. */
  DEMO: boolean;
};

export class EnvError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'EnvError';
  }
}

/** The variables lib/env.ts knows, from `source` (process.env by default). */
export function readEnvVars(
  source: Record<string, string | undefined> = process.env,
): Record<string, string | undefined> {
  const raw: Record<string, string | undefined> = {};
  for (const key of Object.keys(envSchema.shape)) {
    const value = source[key];
    // Empty strings mean "unset", as in most .env tooling.
    raw[key] = value === '' && key !== 'DEMO' ? undefined : value;
  }
  return raw;
}

export function parseEnv(raw: Record<string, string | undefined>): Env {
  const result = envSchema.safeParse(raw);
  if (!result.success) {
    const issue = result.error.issues[0];
    const name = String(issue.path[0] ?? 'environment');
    throw new EnvError(`Invalid environment variable ${name}: ${issue.message}`);
  }
  const env = result.data;
  if (env.NODE_ENV === 'production' && env.DATABASE_URL && !env.AUTH_SECRET) {
    throw new EnvError(
      'Invalid environment variable AUTH_SECRET: required when NODE_ENV=production with DATABASE_URL (several instances must share it)',
    );
  }
  // An explicit DEMO=1 in production (e.g. a PostgreSQL demo instance) must not ship the documented password.
  if (env.NODE_ENV === 'production' && env.DEMO === true && env.DEMO_PASSWORD === DEFAULT_DEMO_PASSWORD) {
    throw new EnvError(
      `Invalid environment variable DEMO_PASSWORD: required with NODE_ENV=production and DEMO=1, and must not be the documented ${DEFAULT_DEMO_PASSWORD}`,
    );
  }
  const oidc = [env.OIDC_ISSUER, env.OIDC_CLIENT_ID, env.OIDC_CLIENT_SECRET].filter(Boolean).length;
  if (oidc !== 0 && oidc !== 3) {
    const missing = (['OIDC_ISSUER', 'OIDC_CLIENT_ID', 'OIDC_CLIENT_SECRET'] as const).find((k) => !env[k]);
    throw new EnvError(
      `Invalid environment variable ${missing}: OIDC_ISSUER, OIDC_CLIENT_ID and OIDC_CLIENT_SECRET go together`,
    );
  }
  if (Boolean(env.OIDC_ROLE_CLAIM) !== Boolean(env.OIDC_ROLE_MAP)) {
    throw new EnvError(
      `Invalid environment variable ${env.OIDC_ROLE_CLAIM ? 'OIDC_ROLE_MAP' : 'OIDC_ROLE_CLAIM'}: OIDC_ROLE_CLAIM and OIDC_ROLE_MAP go together`,
    );
  }
  return { ...env, DEMO: env.DEMO ?? !env.DATABASE_URL, AGENCIES: env.AGENCIES ?? DEFAULT_AGENCIES };
}

const cache = globalThis as unknown as { __c360Env?: Env; __c360Secret?: string };

export function env(): Env {
  cache.__c360Env ??= parseEnv(readEnvVars());
  return cache.__c360Env;
}

/** Test hook: forget the parsed environment after a test changed process.env. */
export function resetEnvCache(): void {
  cache.__c360Env = undefined;
  cache.__c360Secret = undefined;
}

export function dataDir(): string {
  return path.resolve(env().DATA_DIR);
}

/** The configured single sign-on, or null. */
export function oidcConfig() {
  const e = env();
  if (!e.OIDC_ISSUER || !e.OIDC_CLIENT_ID || !e.OIDC_CLIENT_SECRET) return null;
  return {
    issuer: e.OIDC_ISSUER,
    clientId: e.OIDC_CLIENT_ID,
    clientSecret: e.OIDC_CLIENT_SECRET,
    name: e.OIDC_NAME,
    autoCreateRole: e.OIDC_AUTO_CREATE_ROLE ?? null,
    roleClaim: e.OIDC_ROLE_CLAIM ?? null,
    roleMap: e.OIDC_ROLE_MAP ?? {},
  };
}

/** Where links in e-mails point: APP_URL, else this machine (README "Users and sign-in"). */
export function appUrl(): string {
  return (env().APP_URL ?? `http://localhost:${env().PORT}`).replace(/\/+$/, '');
}

/**
 * AUTH_SECRET when set; otherwise a secret generated once and kept in the data
 * directory so that `npm start` needs no setup and sessions survive restarts.
 */
export function authSecret(): string {
  if (cache.__c360Secret) return cache.__c360Secret;
  const fromEnv = env().AUTH_SECRET;
  if (fromEnv) return (cache.__c360Secret = fromEnv);
  const dir = dataDir();
  const file = path.join(dir, 'auth-secret');
  if (!existsSync(file)) {
    mkdirSync(dir, { recursive: true });
    try {
      writeFileSync(file, randomBytes(32).toString('base64url'), { mode: 0o600, flag: 'wx' });
    } catch (error) {
      // Another process created it first: read theirs.
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
  return (cache.__c360Secret = readFileSync(file, 'utf8').trim());
}

/** The service worker is registered by production builds, and under `next dev` only with SW_DEV=1. */
export function serviceWorkerEnabled(): boolean {
  const e = env();
  return e.NODE_ENV === 'production' || e.SW_DEV;
}
