import { randomUUID } from 'node:crypto';
import { beforeAll } from 'vitest';
import { getDb } from '@/db';
import { customerContacts, customers, users, vehicles } from '@/db/schema';
import type { Role } from '@/db/schema/auth';
import type { Actor } from '@/lib/auth/actor';
import { hashPassword } from '@/lib/auth/passwords';
import { createApiToken, revokeApiToken } from '@/lib/auth/tokens';

/**
 * Factories insert valid rows directly (not through the code under test) with sensible French
 * defaults; pass overrides for what a test cares about.
 */
let seq = 0;
const next = () => ++seq;

let cachedHash: Promise<string> | undefined;
const testPasswordHash = () => (cachedHash ??= hashPassword('test-password'));

export async function createUser(role: Role, overrides: Partial<typeof users.$inferInsert> = {}) {
  const n = next();
  const [user] = await getDb()
    .insert(users)
    .values({
      email: `${role}${n}-${randomUUID().slice(0, 6)}@test.local`,
      name: `${role} ${n}`,
      role,
      passwordHash: await testPasswordHash(),
      ...overrides,
    })
    .returning();
  return user;
}

export function actorFor(user: { id: string; name: string; role: Role }): Actor {
  return { kind: 'user', id: user.id, name: user.name, role: user.role, ip: '127.0.0.1', userAgent: 'vitest' };
}

/** A bearer token for the role (the real token path: hashed in api_tokens). */
export async function createBearer(role: Role, opts: { expiresAt?: Date } = {}) {
  const created = await createApiToken(getDb(), { name: `test-${role}-${next()}`, role, expiresAt: opts.expiresAt });
  return { ...created, authorization: `Bearer ${created.token}` };
}

/** A revoked and an expired bearer of `role`: credentials every route must answer with a 401. */
export async function deadBearers(role: Role) {
  const revoked = await createBearer(role);
  await revokeApiToken(getDb(), revoked.id);
  const expired = await createBearer(role, { expiresAt: new Date(Date.now() - 60_000) });
  return { revoked: revoked.authorization, expired: expired.authorization };
}

/** One bearer per role, created once per test file. */
export async function bearersByRole() {
  const entries = await Promise.all(
    (['admin', 'manager', 'technician', 'viewer'] as const).map(
      async (r) => [r, (await createBearer(r)).authorization] as const,
    ),
  );
  return Object.fromEntries(entries) as Record<Role, string>;
}

/** bearersByRole for a whole test file: filled by a beforeAll it registers, read in the tests. */
export function suiteBearers(): Record<Role, string> {
  const bearers = {} as Record<Role, string>;
  beforeAll(async () => {
    Object.assign(bearers, await bearersByRole());
  });
  return bearers;
}

export async function createCustomer(overrides: Partial<typeof customers.$inferInsert> = {}) {
  const n = next();
  const [row] = await getDb()
    .insert(customers)
    .values({
      kind: 'individual',
      firstName: 'Camille',
      lastName: `Martin${n}`,
      email: `camille.martin${n}-${randomUUID().slice(0, 6)}@exemple.fr`,
      phone: '+33612345678',
      addressLine1: '12 rue de la République',
      postalCode: '69002',
      city: 'Lyon',
      sortName: `martin${n} camille`,
      searchText: `camille martin${n} lyon`,
      ...overrides,
    })
    .returning();
  return row;
}

export async function createContact(customerId: string, overrides: Partial<typeof customerContacts.$inferInsert> = {}) {
  const [row] = await getDb()
    .insert(customerContacts)
    .values({ customerId, name: `Contact ${next()}`, role: 'Comptable', email: 'compta@exemple.fr', ...overrides })
    .returning();
  return row;
}

export async function createVehicle(customerId: string, overrides: Partial<typeof vehicles.$inferInsert> = {}) {
  const n = next();
  const [row] = await getDb()
    .insert(vehicles)
    .values({
      customerId,
      plate: `AB-${String(100 + (n % 900)).padStart(3, '0')}-CD`,
      make: 'Renault',
      model: 'Clio',
      year: 2019,
      mileage: 45000,
      fuel: 'petrol',
      ...overrides,
    })
    .returning();
  return row;
}
