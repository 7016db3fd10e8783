'use server';

import { revalidatePath } from 'next/cache';
import { getDb } from '@/db';
import { type ActionState, formDataToObject, runAction } from '@/lib/actions';
import { requireActionActor } from '@/lib/auth/session';
import { parseId } from '@/lib/http/parse';
import { createManualActivity } from './mutations';
import type { ActivityDto } from './schema';
import { serializeActivity } from './serialize';

/** Manual activity form. Returns the new entry so the timeline can show it at once. */
export async function createActivityAction(
  customerId: string,
  _prev: ActionState<ActivityDto>,
  formData: FormData,
): Promise<ActionState<ActivityDto>> {
  return runAction(async () => {
    const actor = await requireActionActor('activity.create');
    const id = parseId(customerId, 'Client');
    const { metadata: _ignored, ...fields } = formDataToObject(formData);
    const row = await createManualActivity(getDb(), actor, id, fields);
    revalidatePath(`/customers/${id}/activity`);
    return { ok: true, message: 'Activité ajoutée.', data: serializeActivity(row) };
  });
}
