'use server';

import { eq } from 'drizzle-orm';
import { revalidatePath } from 'next/cache';
import { getDb } from '@/db';
import { apiTokens } from '@/db/schema';
import { type ActionState, formDataToObject, runAction } from '@/lib/actions';
import { AppError, zodFieldErrors } from '@/lib/errors';
import { parseId } from '@/lib/http/parse';
import { requireActionActor } from './session';
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
export async function createTokenAction(
  _prev: ActionState,
  formData: FormData,
): Promise<ActionState<CreatedTokenData>> {
  return runAction(async () => {
    const actor = await requireActionActor('admin');
    const raw = formDataToObject(formData);
    const parsed = tokenCreateSchema.safeParse({ name: raw.name, role: raw.role, expiresInDays: raw.expiresInDays });
    if (!parsed.success) throw AppError.validation(zodFieldErrors(parsed.error));
    const { name, role, expiresInDays } = parsed.data;
    const created = await createApiToken(getDb(), {
      name,
      role,
      createdBy: actor.kind === 'user' ? actor.id : null,
      expiresAt: expiresInDays ? new Date(Date.now() + expiresInDays * DAY_MS) : null,
    });
    revalidatePath('/admin/tokens');
    return { ok: true, message: `Jeton « ${name} » créé.`, data: { ...created, name } };
  });
}

/** Admin: revoke a token at once (the next request using it gets 401). Revoking twice keeps the first date. */
export async function revokeTokenAction(id: string, _prev: ActionState, _formData: FormData): Promise<ActionState> {
  return runAction(async () => {
    await requireActionActor('admin');
    const tokenId = parseId(id, 'Jeton');
    const db = getDb();
    const [row] = await db
      .select({ name: apiTokens.name, revokedAt: apiTokens.revokedAt })
      .from(apiTokens)
      .where(eq(apiTokens.id, tokenId))
      .limit(1);
    if (!row) throw AppError.notFound('Jeton introuvable.');
    if (row.revokedAt) return { ok: true, message: `Le jeton « ${row.name} » était déjà révoqué.` };
    await revokeApiToken(db, tokenId);
    revalidatePath('/admin/tokens');
    return { ok: true, message: `Jeton « ${row.name} » révoqué.` };
  });
}
