import { sql } from 'drizzle-orm';
import type { DbOrTx } from '@/db';

/** The list's office columns for one page of customers. */
export interface CustomerListColumns {
  /** The first vehicle's plate (the oldest vehicle on the record). */
  plate: string | null;
  /** The last finished intervention (done or invoiced) or recorded visit, whichever is later. */
  lastVisitAt: Date | null;
  /** What the customer owes (invoices' balances: net of credit notes and refunds, 0 once cancelled); finance.read only. */
  balanceCents?: number;
}

/**
 * The plate, last-visit and balance columns of one list page, in one query after the keyset page:
 * the page query itself stays as it was (same plan, same cursor). Each column is a lateral
 * subquery on a customer-leading index (vehicles_customer_idx, interventions_customer_idx,
 * customer_activity_type_idx, invoices_customer_idx), so the cost grows with the page, not the base.
 */
export async function customerListColumns(
  db: DbOrTx,
  ids: string[],
  options: { balance: boolean },
): Promise<Map<string, CustomerListColumns>> {
  const map = new Map<string, CustomerListColumns>();
  if (!ids.length) return map;
  const balance = options.balance
    ? sql`(select coalesce(sum(i.balance_cents), 0)::int from invoices i where i.customer_id = c.id)`
    : sql`null::int`;
  const result = await db.execute(sql`
    select c.id, v.plate, greatest(iv.last_done, av.last_visit) as last_visit_at, ${balance} as balance_cents
    from unnest(array[${sql.join(
      ids.map((id) => sql`${id}::uuid`),
      sql`, `,
    )}]) as c(id)
    left join lateral (
      select plate from vehicles where customer_id = c.id order by created_at, id limit 1
    ) v on true
    left join lateral (
      select max(coalesce(completed_at, scheduled_at)) as last_done from interventions
      where customer_id = c.id and status in ('done', 'invoiced')
    ) iv on true
    left join lateral (
      select max(occurred_at) as last_visit from customer_activity where customer_id = c.id and type = 'visit'
    ) av on true`);
  const rows = (Array.isArray(result) ? result : (result as { rows: unknown[] }).rows) as Record<string, unknown>[];
  for (const r of rows) {
    const last = r.last_visit_at;
    map.set(String(r.id), {
      plate: (r.plate as string | null) ?? null,
      lastVisitAt: last == null ? null : new Date(last as string),
      ...(options.balance ? { balanceCents: Number(r.balance_cents ?? 0) } : {}),
    });
  }
  return map;
}
