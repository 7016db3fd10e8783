'use server';

import { eq } from 'drizzle-orm';
import { apiTokens } from '@/db/schema';
import { formDataToObject } from '@/lib/actions';
import { defineAction, reply } from '@/lib/define-action';
import { AppError } from '@/lib/errors';
import { tokenCreateSchema } from './token-schema';
import { createApiToken, revokeApiToken } from './tokens';

const DAY_MS = 24 * 60 * 60 * 1000;

export interface CreatedTokenData {
  id: string;
  token: string;
  prefix: string;
  name: string;
}

/** Admin: create a token. The clear value is in the answer once (shown to the admin) and never stored. */
export const createTokenAction = defineAction({
  permission: 'admin',
  form: (formData) => {
    const raw = formDataToObject(formData);
    return { name: raw.name, role: raw.role, expiresInDays: raw.expiresInDays };
  },
  schema: tokenCreateSchema,
  run: async ({ actor, input: { name, role, expiresInDays }, db }) => {
    const created = await createApiToken(
      db,
      {
        name,
        role,
        createdBy: actor.kind === 'user' ? actor.id : null,
        expiresAt: expiresInDays ? new Date(Date.now() + expiresInDays * DAY_MS) : null,
      },
      actor,
    );
    return reply<CreatedTokenData>(`Jeton « ${name} » créé.`, { ...created, name });
  },
  revalidate: () => ['/admin/tokens'],
});

/** Admin: revoke a token at once (the next request using it gets 401). Revoking twice keeps the first date. */
export const revokeTokenAction = defineAction({
  permission: 'admin',
  ids: ['Jeton'],
  run: async ({ actor, ids: [tokenId], db }) => {
    const [row] = await db
      .select({ name: apiTokens.name, revokedAt: apiTokens.revokedAt })
      .from(apiTokens)
      .where(eq(apiTokens.id, tokenId))
      .limit(1);
    if (!row) throw AppError.notFound('Jeton introuvable.');
    if (row.revokedAt) return reply(`Le jeton « ${row.name} » était déjà révoqué.`);
    await revokeApiToken(db, tokenId, actor);
    return reply(`Jeton « ${row.name} » révoqué.`);
  },
  revalidate: () => ['/admin/tokens'],
});
