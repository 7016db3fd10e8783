import { count, eq } from 'drizzle-orm';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { getDb } from '@/db';
import { apiTokens } from '@/db/schema';
import type { Actor } from '@/lib/auth/actor';
import { authenticateToken } from '@/lib/auth/tokens';
import { actorFor, createBearer, createUser } from '../factories';

// The session is mocked (who is signed in); the database is real.
let current: Actor | null = null;
vi.mock('@/lib/auth/session', async () => (await import('@/tests/factories/session-mock')).sessionMock(() => current));
const revalidated: string[] = [];
vi.mock('next/cache', () => ({ revalidatePath: (p: string) => revalidated.push(p) }));

const { createTokenAction, revokeTokenAction } = await import('@/lib/auth/token-actions');

const prev = { ok: false, message: '' };
const form = (values: Record<string, string>) => {
  const fd = new FormData();
  for (const [k, v] of Object.entries(values)) fd.append(k, v);
  return fd;
};
const tokenCount = async () => (await getDb().select({ n: count() }).from(apiTokens))[0].n;

describe('createTokenAction', () => {
  let admin: Actor;
  beforeEach(async () => {
    admin = actorFor(await createUser('admin'));
    current = admin;
    revalidated.length = 0;
  });

  it('creates a hashed token that authenticates with its role, returns the clear value once', async () => {
    const result = await createTokenAction(prev, form({ name: 'ERP comptable', role: 'manager', expiresInDays: '30' }));
    expect(result.ok).toBe(true);
    const data = result.data!;
    expect(data.token).toMatch(/^c360_[A-Za-z0-9_-]{40,}$/);
    expect(data.token.startsWith(data.prefix)).toBe(true);

    const [row] = await getDb().select().from(apiTokens).where(eq(apiTokens.id, data.id));
    expect(row.name).toBe('ERP comptable');
    expect(row.role).toBe('manager');
    expect(row.createdBy).toBe(admin.id);
    expect(row.hash).not.toContain(data.token);
    const days = (row.expiresAt!.getTime() - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(29.9);
    expect(days).toBeLessThanOrEqual(30);

    const actor = await authenticateToken(getDb(), data.token);
    expect(actor).toMatchObject({ kind: 'token', id: data.id, role: 'manager' });
    expect(revalidated).toContain('/admin/tokens');
  });

  it('creates a token without expiry when none is chosen', async () => {
    const result = await createTokenAction(prev, form({ name: 'Sans expiration', role: 'viewer', expiresInDays: '' }));
    expect(result.ok).toBe(true);
    const [row] = await getDb().select().from(apiTokens).where(eq(apiTokens.id, result.data!.id));
    expect(row.expiresAt).toBeNull();
  });

  it('rejects invalid input field by field and writes nothing', async () => {
    const before = await tokenCount();
    const result = await createTokenAction(prev, form({ name: '  ', role: 'superuser', expiresInDays: '-3' }));
    expect(result.ok).toBe(false);
    expect(Object.keys(result.fieldErrors ?? {}).sort()).toEqual(['expiresInDays', 'name', 'role']);
    expect(result.fieldErrors!.name[0]).toBe('Le nom est obligatoire.');
    expect(await tokenCount()).toBe(before);
  });

  it.each(['manager', 'technician', 'viewer'] as const)('refuses a %s and writes nothing', async (role) => {
    current = actorFor(await createUser(role));
    const before = await tokenCount();
    const result = await createTokenAction(prev, form({ name: 'Intrus', role: 'admin' }));
    expect(result).toMatchObject({ ok: false, message: "Vous n'avez pas le droit d'effectuer cette action." });
    expect(result.data).toBeUndefined();
    expect(await tokenCount()).toBe(before);
  });

  it('refuses when signed out', async () => {
    current = null;
    const result = await createTokenAction(prev, form({ name: 'Anonyme', role: 'viewer' }));
    expect(result.ok).toBe(false);
    expect(result.message).toContain('session');
  });
});

describe('revokeTokenAction', () => {
  beforeEach(async () => {
    current = actorFor(await createUser('admin'));
  });

  it('revokes: the token stops authenticating; a second revoke keeps the first date', async () => {
    const bearer = await createBearer('technician');
    expect(await authenticateToken(getDb(), bearer.token)).not.toBeNull();

    const first = await revokeTokenAction(bearer.id, prev, new FormData());
    expect(first.ok).toBe(true);
    expect(await authenticateToken(getDb(), bearer.token)).toBeNull();
    const [row] = await getDb().select().from(apiTokens).where(eq(apiTokens.id, bearer.id));
    expect(row.revokedAt).toBeInstanceOf(Date);

    const second = await revokeTokenAction(bearer.id, prev, new FormData());
    expect(second.ok).toBe(true);
    expect(second.message).toContain('déjà révoqué');
    const [again] = await getDb().select().from(apiTokens).where(eq(apiTokens.id, bearer.id));
    expect(again.revokedAt!.getTime()).toBe(row.revokedAt!.getTime());
  });

  it('answers not found for an unknown or malformed id', async () => {
    expect(await revokeTokenAction('00000000-0000-4000-8000-000000000000', prev, new FormData())).toMatchObject({
      ok: false,
      message: 'Jeton introuvable.',
    });
    expect(await revokeTokenAction('not-a-uuid', prev, new FormData())).toMatchObject({ ok: false });
  });

  it('refuses a manager and leaves the token usable', async () => {
    const bearer = await createBearer('viewer');
    current = actorFor(await createUser('manager'));
    const result = await revokeTokenAction(bearer.id, prev, new FormData());
    expect(result.ok).toBe(false);
    expect(await authenticateToken(getDb(), bearer.token)).not.toBeNull();
  });
});
