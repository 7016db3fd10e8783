import 'server-only';
import type { Db } from '@/db';
import type { Actor } from '@/lib/auth/actor';
import { recordActivity } from '@/lib/audit';
import { requireCustomer } from '@/lib/customers/guard';
import { AppError, zodFieldErrors } from '@/lib/errors';
import { manualActivitySchema, type ManualActivityInput } from './schema';
import { type ActivityRow } from './serialize';

/**
 * A call, visit, note, e-mail or other entry recorded by hand. The activity row is itself the
 * trace, so it is written directly (one insert, in a transaction with the customer check).
 */
export async function createManualActivity(
  db: Db,
  actor: Actor,
  customerId: string,
  input: ManualActivityInput | unknown,
): Promise<ActivityRow> {
  const parsed = manualActivitySchema.safeParse(input);
  if (!parsed.success) throw AppError.validation(zodFieldErrors(parsed.error));
  const data = parsed.data;
  return db.transaction(async (tx) => {
    await requireCustomer(tx, customerId, { forUpdate: true });
    const [row] = await recordActivity(tx, actor, {
      customerId,
      type: data.type,
      title: data.title,
      description: data.description ?? null,
      metadata: { ...(data.metadata ?? {}), manual: true },
      occurredAt: data.occurredAt,
    });
    return row as ActivityRow;
  });
}
