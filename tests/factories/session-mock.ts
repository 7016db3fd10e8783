import type { Actor } from '@/lib/auth/actor';
import { can, type Permission } from '@/lib/auth/permissions';
import { AppError } from '@/lib/errors';

/**
 * `@/lib/auth/session` for integration tests of server actions: the signed-in actor comes from the
 * test, the permission check and the errors are the real ones, the database stays real.
 *   vi.mock('@/lib/auth/session', async () => (await import('@/tests/factories/session-mock')).sessionMock(() => current));
 */
export function sessionMock(getActor: () => unknown) {
  return {
    requireActionActor: async (permission: Permission): Promise<Actor> => {
      const actor = getActor() as Actor | null;
      if (!actor) throw AppError.unauthorized('Votre session a expiré. Reconnectez-vous.');
      if (!can(actor.role, permission)) throw AppError.forbidden();
      return actor;
    },
  };
}
