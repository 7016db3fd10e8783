import 'server-only';
import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { cache } from 'react';
import { getDb } from '@/db';
import { AppError } from '@/lib/errors';
import { clientIp } from '@/lib/http/client-ip';
import { type Actor, activeUserActor } from './actor';
import { auth } from './config';
import { can, type Permission } from './permissions';

/** One session read per request, however many components ask. */
export const getSession = cache(async () => auth());

/** The signed-in employee as the database knows them now (role changes and deactivation apply at once). */
export const getCurrentActor = cache(async (): Promise<Actor | null> => {
  const session = await getSession();
  const sessionUser = session?.user as { id?: string; sv?: number } | undefined;
  const uid = sessionUser?.id;
  if (!uid) return null;
  const h = await headers();
  return activeUserActor(getDb(), uid, sessionUser?.sv, {
    ip: clientIp(h),
    userAgent: h.get('user-agent')?.slice(0, 512) ?? null,
  });
});

/** Layouts and pages: redirect to the login page when signed out, to /forbidden when not allowed. */
export async function requirePageActor(permission?: Permission): Promise<Actor> {
  const actor = await getCurrentActor();
  if (!actor) redirect('/login');
  if (permission && !can(actor.role, permission)) redirect('/forbidden');
  return actor;
}

/** Server actions: the first line of every action. Throws AppError (turned into an action result). */
export async function requireActionActor(permission: Permission): Promise<Actor> {
  const actor = await getCurrentActor();
  if (!actor) throw AppError.unauthorized('Votre session a expiré. Reconnectez-vous.');
  if (!can(actor.role, permission)) throw AppError.forbidden();
  return actor;
}
