import 'server-only';
import { and, desc, eq, inArray } from 'drizzle-orm';
import { type DbOrTx, getDb } from '@/db';
import { consentEvents } from '@/db/schema';
import { hasProof } from '@/lib/consents/config';
import { listDueVehicles } from '@/lib/interventions/follow-up';
import type { DueVehiclesQuery, ReminderConsent } from './schema';

/**
 * One page's customers → the latest marketing/e-mail consent event of each (one query on the
 * consent state index). A hint for the list only: the send itself re-checks in its transaction.
 */
export async function reminderConsents(db: DbOrTx, customerIds: string[]): Promise<Map<string, ReminderConsent>> {
  const out = new Map<string, ReminderConsent>(customerIds.map((id) => [id, 'never']));
  if (customerIds.length === 0) return out;
  const rows = await db
    .selectDistinctOn([consentEvents.customerId], {
      customerId: consentEvents.customerId,
      granted: consentEvents.granted,
      source: consentEvents.source,
      textVersion: consentEvents.textVersion,
    })
    .from(consentEvents)
    .where(
      and(
        inArray(consentEvents.customerId, [...new Set(customerIds)]),
        eq(consentEvents.purpose, 'marketing'),
        eq(consentEvents.channel, 'email'),
      ),
    )
    .orderBy(consentEvents.customerId, desc(consentEvents.occurredAt), desc(consentEvents.id));
  for (const r of rows) out.set(r.customerId, !r.granted ? 'withdrawn' : hasProof(r) ? 'granted' : 'unproven');
  return out;
}

/** The "À relancer" page: one keyset page of due vehicles with each customer's prospection consent. */
export async function loadDueVehiclesPage(query: DueVehiclesQuery & { today: string }) {
  const db = getDb();
  const page = await listDueVehicles(db, query);
  const consents = await reminderConsents(
    db,
    page.data.map((d) => d.customerId),
  );
  return { ...page, data: page.data.map((d) => ({ ...d, consent: consents.get(d.customerId) ?? 'never' })) };
}
