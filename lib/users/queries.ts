import { and, asc, eq, or, sql, type SQL } from 'drizzle-orm';
import type { Db, DbOrTx } from '@/db';
import { userLinks, users } from '@/db/schema';
import { alias } from 'drizzle-orm/pg-core';
import type { Role } from '@/db/schema/enums';
import { type UserListQuery, userListQuerySchema, type UserStatus } from './schema';

/** Invited = never signed in and no password yet; the SQL and the in-memory rule say the same. */
export function userStatus(u: {
  active: boolean;
  passwordHash: string | null;
  lastLoginAt: Date | null;
  oidcSubject: string | null;
}): UserStatus {
  if (!u.active) return 'deactivated';
  if (!u.passwordHash && !u.lastLoginAt && !u.oidcSubject) return 'invited';
  return 'active';
}

const invitedSql = sql`(${users.passwordHash} is null and ${users.lastLoginAt} is null and ${users.oidcSubject} is null)`;

export interface UserRow {
  id: string;
  email: string;
  name: string;
  role: Role;
  status: UserStatus;
  lastLoginAt: Date | null;
  createdAt: Date;
  createdByName: string | null;
  /** The open invitation's expiry (invited users), null when none is pending or it expired. */
  invitationExpiresAt: Date | null;
  sso: boolean;
}

/** Admin → Utilisateurs: every account matching the filters, by name (a network has tens, not thousands). */
export async function listUsers(db: Db, input: UserListQuery = {}): Promise<UserRow[]> {
  const params = userListQuerySchema.parse(input);
  const creator = alias(users, 'creator');
  const where: (SQL | undefined)[] = [];
  if (params.q) {
    const like = `%${params.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    where.push(or(sql`${users.name} ilike ${like}`, sql`${users.email} ilike ${like}`));
  }
  if (params.role) where.push(eq(users.role, params.role));
  if (params.status === 'deactivated') where.push(eq(users.active, false));
  if (params.status === 'invited') where.push(and(eq(users.active, true), invitedSql));
  if (params.status === 'active') where.push(and(eq(users.active, true), sql`not ${invitedSql}`));
  const rows = await db
    .select({
      id: users.id,
      email: users.email,
      name: users.name,
      role: users.role,
      active: users.active,
      passwordHash: users.passwordHash,
      oidcSubject: users.oidcSubject,
      lastLoginAt: users.lastLoginAt,
      createdAt: users.createdAt,
      createdByName: creator.name,
      invitationExpiresAt: sql<Date | null>`(
        select max(${userLinks.expiresAt}) from ${userLinks}
        where ${userLinks.userId} = ${users.id} and ${userLinks.purpose} = 'invitation'
          and ${userLinks.usedAt} is null and ${userLinks.revokedAt} is null and ${userLinks.expiresAt} > now()
      )`.mapWith(userLinks.expiresAt),
    })
    .from(users)
    .leftJoin(creator, eq(creator.id, users.createdBy))
    .where(and(...where))
    .orderBy(asc(sql`lower(${users.name})`), asc(users.id));
  return rows.map((r) => ({
    id: r.id,
    email: r.email,
    name: r.name,
    role: r.role,
    lastLoginAt: r.lastLoginAt,
    createdAt: r.createdAt,
    createdByName: r.createdByName,
    invitationExpiresAt: r.invitationExpiresAt,
    status: userStatus(r),
    sso: r.oidcSubject != null,
  }));
}

export async function getUser(db: DbOrTx, id: string) {
  const [row] = await db.select().from(users).where(eq(users.id, id)).limit(1);
  return row ?? null;
}

export async function getUserByEmail(db: DbOrTx, email: string) {
  const [row] = await db
    .select()
    .from(users)
    .where(eq(sql`lower(${users.email})`, email.trim().toLowerCase()))
    .limit(1);
  return row ?? null;
}

/** The API's view of an account (never the hash, never the SSO subject). */
export function publicUser(u: typeof users.$inferSelect) {
  return {
    id: u.id,
    email: u.email,
    name: u.name,
    role: u.role,
    status: userStatus(u),
    lastLoginAt: u.lastLoginAt,
    createdAt: u.createdAt,
  };
}
