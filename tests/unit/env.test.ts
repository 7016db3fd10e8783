import { describe, expect, it } from 'vitest';
import { EnvError, parseEnv } from '@/lib/env';

describe('parseEnv', () => {
  it('needs nothing: every variable has a default', () => {
    const env = parseEnv({});
    expect(env.PORT).toBe(3000);
    expect(env.DATA_DIR).toBe('./.data');
    expect(env.DEMO).toBe(true);
    expect(env.DEMO_PASSWORD).toBe('customer360');
    expect(env.MAX_UPLOAD_MB).toBe(20);
    expect(env.AGENCIES.length).toBeGreaterThan(0);
    expect(env.DATABASE_URL).toBeUndefined();
    // Offline by default: no map tile server unless configured.
    expect(env.MAP_TILE_URL).toBe('none');
    expect(parseEnv({ MAP_TILE_URL: 'https://tile.openstreetmap.org/{z}/{x}/{y}.png' }).MAP_TILE_URL).toContain('{z}');
  });

  it.each([
    [{ PORT: 'abc' }, 'PORT'],
    [{ PORT: '70000' }, 'PORT'],
    [{ DATABASE_URL: 'mysql://x' }, 'DATABASE_URL'],
    [{ REDIS_URL: 'http://x' }, 'REDIS_URL'],
    [{ MAX_UPLOAD_MB: '-1' }, 'MAX_UPLOAD_MB'],
    [{ AGENCIES: 'not json' }, 'AGENCIES'],
    [{ AGENCIES: '[{"name":"A","lat":999,"lon":2}]' }, 'AGENCIES'],
    [{ DEMO: 'maybe' }, 'DEMO'],
    [{ AUTH_SECRET: 'short' }, 'AUTH_SECRET'],
    [{ MAP_TILE_URL: 'tiles.example.org' }, 'MAP_TILE_URL'],
  ])('rejects %j with one line naming %s', (raw, name) => {
    let error: unknown;
    try {
      parseEnv(raw);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(EnvError);
    const message = (error as Error).message;
    expect(message).toContain(name);
    expect(message).not.toContain('\n');
  });

  it('requires AUTH_SECRET in production with PostgreSQL (several instances must share it)', () => {
    expect(() => parseEnv({ NODE_ENV: 'production', DATABASE_URL: 'postgres://u@h/db' })).toThrow(/AUTH_SECRET/);
    expect(
      parseEnv({ NODE_ENV: 'production', DATABASE_URL: 'postgres://u@h/db', AUTH_SECRET: 'x'.repeat(32) }).AUTH_SECRET,
    ).toHaveLength(32);
  });

  it('parses AGENCIES and DEMO=0', () => {
    const env = parseEnv({ AGENCIES: '[{"name":"Agence Brest","lat":48.39,"lon":-4.49}]', DEMO: '0' });
    expect(env.AGENCIES).toEqual([{ name: 'Agence Brest', lat: 48.39, lon: -4.49 }]);
    expect(env.DEMO).toBe(false);
  });
});

describe('single sign-on and APP_URL', () => {
  const oidc = { OIDC_ISSUER: 'https://idp.example/realms/c360', OIDC_CLIENT_ID: 'c360', OIDC_CLIENT_SECRET: 's3cret' };

  it('takes the three OIDC variables together, and names the missing one', () => {
    expect(parseEnv(oidc).OIDC_ISSUER).toBe(oidc.OIDC_ISSUER);
    expect(() => parseEnv({ ...oidc, OIDC_CLIENT_SECRET: undefined })).toThrow(/OIDC_CLIENT_SECRET: .*go together/);
    expect(() => parseEnv({ OIDC_ISSUER: 'ftp://idp' })).toThrow(/OIDC_ISSUER/);
  });

  it('parses the role map, refuses unknown roles and a claim without a map', () => {
    const env = parseEnv({
      ...oidc,
      OIDC_ROLE_CLAIM: 'groups',
      OIDC_ROLE_MAP: 'c360-admins=admin, atelier=technician',
    });
    expect(env.OIDC_ROLE_MAP).toEqual({ 'c360-admins': 'admin', atelier: 'technician' });
    expect(() => parseEnv({ ...oidc, OIDC_ROLE_CLAIM: 'groups', OIDC_ROLE_MAP: 'x=boss' })).toThrow(/OIDC_ROLE_MAP/);
    expect(() => parseEnv({ ...oidc, OIDC_ROLE_CLAIM: 'groups' })).toThrow(/OIDC_ROLE_MAP: .*go together/);
    expect(() => parseEnv({ OIDC_AUTO_CREATE_ROLE: 'root' })).toThrow(/OIDC_AUTO_CREATE_ROLE/);
  });

  it('APP_URL must be http(s)', () => {
    expect(parseEnv({ APP_URL: 'https://crm.garage.example' }).APP_URL).toBe('https://crm.garage.example');
    expect(() => parseEnv({ APP_URL: 'crm.garage.example' })).toThrow(/APP_URL/);
  });
});
