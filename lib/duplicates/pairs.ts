import 'server-only';
import { sql } from 'drizzle-orm';
import { type DbOrTx, getDb } from '@/db';
import { customerDisplayName } from '@/lib/customers/schema';
import { type DismissedPair, listDismissedPairs } from './dismissals';

/**
 * Pairs of likely duplicates across the base: same SIRET, same email (case-insensitive), same
 * phone (E.164, phone or mobile on either side), or similar names (pg_trgm similarity > 0.45) in
 * the same postal code. Each rule is an index-backed self-join (siret, lower(email), phone,
 * mobile, postal_code + trigram GIN), capped, so the view stays fast on a large base; erased
 * customers are left out, and so are the pairs a manager declared « Pas un doublon »
 * (lib/duplicates/dismissals.ts). A pair appears once (a.id < b.id) with all its reasons.
 */
export type PairReason = 'siret' | 'email' | 'phone' | 'name';
export const PAIR_REASON_LABELS: Record<PairReason, string> = {
  siret: 'Même SIRET',
  email: 'Même e-mail',
  phone: 'Même téléphone',
  name: 'Nom proche, même code postal',
};
export const NAME_SIMILARITY = 0.45;
export const MAX_PAIRS = 200;

export interface PairSide {
  id: string;
  number: string;
  displayName: string;
  email: string | null;
  phone: string | null;
  postalCode: string | null;
  city: string | null;
  createdAt: string;
}
export interface DuplicatePair {
  a: PairSide;
  b: PairSide;
  reasons: PairReason[];
}

const rowsOf = <T>(r: unknown): T[] => (Array.isArray(r) ? (r as T[]) : ((r as { rows: T[] }).rows ?? []));

export async function listDuplicatePairs(db: DbOrTx, limit = MAX_PAIRS): Promise<DuplicatePair[]> {
  const cap = Math.min(Math.max(1, limit), MAX_PAIRS);
  const live = (t: string) => sql.raw(`${t}.erased_at is null`);
  const result = await db.execute(sql`
    with p as (
      (select a.id as a, b.id as b, 'siret' as reason from customers a join customers b on b.siret = a.siret and a.id < b.id
        where a.siret is not null and ${live('a')} and ${live('b')} limit ${cap})
      union all
      (select a.id, b.id, 'email' from customers a join customers b on lower(b.email) = lower(a.email) and a.id < b.id
        where a.email is not null and ${live('a')} and ${live('b')} limit ${cap})
      union all
      (select a.id, b.id, 'phone' from customers a join customers b
          on (b.phone = a.phone or b.mobile = a.mobile or b.phone = a.mobile or b.mobile = a.phone) and a.id <> b.id
        where (a.phone is not null or a.mobile is not null) and ${live('a')} and ${live('b')} limit ${cap * 2})
      union all
      (select a.id, b.id, 'name' from customers a join customers b
          on b.postal_code = a.postal_code and a.id < b.id and b.sort_name % a.sort_name
        where a.postal_code is not null and a.sort_name <> '' and similarity(a.sort_name, b.sort_name) > ${NAME_SIMILARITY}
          and ${live('a')} and ${live('b')} limit ${cap})
    ),
    pairs as (
      select least(a, b) as a, greatest(a, b) as b, array_agg(distinct reason) as reasons from p
      where not exists (select 1 from duplicate_dismissals d where d.customer_a_id = least(p.a, p.b) and d.customer_b_id = greatest(p.a, p.b))
      group by 1, 2 limit ${cap}
    )
    select pairs.a, pairs.b, pairs.reasons,
      ca.number as a_number, ca.kind as a_kind, ca.first_name as a_first, ca.last_name as a_last, ca.company_name as a_company,
      ca.email as a_email, coalesce(ca.mobile, ca.phone) as a_phone, ca.postal_code as a_pc, ca.city as a_city, ca.created_at as a_created,
      cb.number as b_number, cb.kind as b_kind, cb.first_name as b_first, cb.last_name as b_last, cb.company_name as b_company,
      cb.email as b_email, coalesce(cb.mobile, cb.phone) as b_phone, cb.postal_code as b_pc, cb.city as b_city, cb.created_at as b_created
    from pairs join customers ca on ca.id = pairs.a join customers cb on cb.id = pairs.b
    order by ca.number, cb.number`);
  type R = Record<string, unknown>;
  const side = (r: R, p: 'a' | 'b'): PairSide => ({
    id: String(r[p]),
    number: String(r[`${p}_number`]),
    displayName: customerDisplayName({
      kind: String(r[`${p}_kind`]),
      firstName: r[`${p}_first`] as string | null,
      lastName: r[`${p}_last`] as string | null,
      companyName: r[`${p}_company`] as string | null,
    }),
    email: (r[`${p}_email`] as string | null) ?? null,
    phone: (r[`${p}_phone`] as string | null) ?? null,
    postalCode: (r[`${p}_pc`] as string | null) ?? null,
    city: (r[`${p}_city`] as string | null) ?? null,
    createdAt: new Date(r[`${p}_created`] as string).toISOString(),
  });
  return rowsOf<R>(result).map((r) => {
    const reasons = (
      Array.isArray(r.reasons) ? r.reasons : String(r.reasons).replace(/[{}]/g, '').split(',')
    ) as PairReason[];
    return { a: side(r, 'a'), b: side(r, 'b'), reasons: [...reasons].sort() };
  });
}

/** Duplicates page: the pairs a manager set aside (« Paires écartées »). */
export function loadDismissedPairs(): Promise<DismissedPair[]> {
  return listDismissedPairs(getDb());
}

/** Duplicates page: the candidate pairs. */
export function loadDuplicatePairs(): Promise<DuplicatePair[]> {
  return listDuplicatePairs(getDb());
}
