import { and, isNull, notInArray, or, sql, type SQL } from 'drizzle-orm';
import { customerActivity } from '@/db/schema';
import type { ActivityType } from '@/db/schema/enums';
import type { Actor } from '@/lib/auth/actor';
import { can, type Role } from '@/lib/auth/permissions';
import { ACTIVITY_TYPE_LABELS } from './labels';

/**
 * Who may see which activity (README "Security notes" → "Money and segments"). Invoice, payment, credit
 * note and refund entries carry amounts, due dates and balances in their title, description and
 * metadata, and so do the entries about one of them (a reminder call "Reste dû 58,32 €"): without
 * `finance.read` they are not returned at all. In what remains, the money keys of the metadata are
 * removed. The rule is SQL, applied by every activity query (timeline, counts, the 360 block, the
 * export bundle), so a page and its counts can never disagree and nothing is filtered after the fact.
 */
export type ActivityViewer = { role: Role } | Pick<Actor, 'role' | 'kind' | 'id'>;

/** Activity types (and related_type values) that only `finance.read` may see. */
export const FINANCE_ACTIVITY_TYPES = [
  'invoice',
  'payment',
  'credit-note',
  'refund',
] as const satisfies readonly ActivityType[];

/** Metadata keys that name money or a payment term; removed for roles without `finance.read`. */
export const FINANCE_METADATA_KEYS = [
  'amountCents',
  'totalHtCents',
  'totalTtcCents',
  'vatCents',
  'paidCents',
  'remainingCents',
  'refundableCents',
  'balanceCents',
  'unitPriceCents',
  'dueAt',
  'invoiceStatus',
] as const;

export function seesFinance(viewer: ActivityViewer): boolean {
  return can(viewer.role, 'finance.read');
}

/** The WHERE condition of the rule (undefined = no restriction). */
export function activityVisibleTo(viewer: ActivityViewer): SQL | undefined {
  if (seesFinance(viewer)) return undefined;
  const a = customerActivity;
  return and(
    notInArray(a.type, [...FINANCE_ACTIVITY_TYPES]),
    or(isNull(a.relatedType), notInArray(a.relatedType, [...FINANCE_ACTIVITY_TYPES])),
  );
}

/** The metadata column as this viewer may read it (`jsonb - text[]` drops the money keys). */
export function activityMetadataFor(viewer: ActivityViewer): SQL<Record<string, unknown>> {
  const a = customerActivity;
  if (seesFinance(viewer)) return sql<Record<string, unknown>>`${a.metadata}`.mapWith(a.metadata);
  const keys = sql.join(
    FINANCE_METADATA_KEYS.map((k) => sql`${k}`),
    sql`, `,
  );
  return sql<Record<string, unknown>>`(${a.metadata} - array[${keys}]::text[])`.mapWith(a.metadata);
}

/** Types the Activity tab offers as filter chips to this viewer. */
export function visibleActivityTypes(viewer: ActivityViewer): ActivityType[] {
  const all = Object.keys(ACTIVITY_TYPE_LABELS) as ActivityType[];
  if (seesFinance(viewer)) return all;
  return all.filter((t) => !(FINANCE_ACTIVITY_TYPES as readonly string[]).includes(t));
}
