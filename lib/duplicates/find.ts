import { and, eq, inArray, isNull, ne, or, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '@/db';
import { customers } from '@/db/schema';
import { customerDisplayName } from '@/lib/customers/schema';
import { buildSortName } from '@/lib/customers/search';

/**
 * Likely duplicates of a customer (SPEC §3 `possibleDuplicates`): same SIRET, same email
 * (case-insensitive), same phone (E.164, phone or mobile on either side), or a similar name
 * (pg_trgm similarity of sort_name > 0.45) in the same postal code. pg_trgm is installed by
 * migration 0001 on PostgreSQL and PGlite alike, so both drivers give the same answers.
 */
export type DuplicateReason = 'siret' | 'email' | 'phone' | 'name';
export const NAME_SIMILARITY = 0.45;

export const DUPLICATE_REASON_LABELS: Record<DuplicateReason, string> = {
  siret: 'Même SIRET',
  email: 'Même e-mail',
  phone: 'Même téléphone',
  name: 'Nom proche, même code postal',
};

export interface DuplicateProbe {
  kind?: string | null;
  firstName?: string | null;
  lastName?: string | null;
  companyName?: string | null;
  siret?: string | null;
  email?: string | null;
  phone?: string | null;
  mobile?: string | null;
  postalCode?: string | null;
}

export interface PossibleDuplicate {
  id: string;
  number: string;
  displayName: string;
  email: string | null;
  postalCode: string | null;
  city: string | null;
  reasons: DuplicateReason[];
}

export async function findPossibleDuplicates(
  db: DbOrTx,
  probe: DuplicateProbe,
  opts: { excludeId?: string; limit?: number } = {},
): Promise<PossibleDuplicate[]> {
  const phones = [probe.phone, probe.mobile].filter((p): p is string => !!p);
  const sortName = buildSortName({ ...probe, kind: probe.kind ?? 'individual' });
  const conds: SQL[] = [];
  if (probe.siret) conds.push(eq(customers.siret, probe.siret));
  if (probe.email) conds.push(sql`lower(${customers.email}) = ${probe.email.toLowerCase()}`);
  if (phones.length) conds.push(or(inArray(customers.phone, phones), inArray(customers.mobile, phones))!);
  const nameCond =
    sortName && probe.postalCode
      ? sql`(${customers.postalCode} = ${probe.postalCode} and similarity(${customers.sortName}, ${sortName}) > ${NAME_SIMILARITY})`
      : null;
  if (nameCond) conds.push(nameCond);
  if (!conds.length) return [];

  const rows = await db
    .select({
      id: customers.id,
      number: customers.number,
      kind: customers.kind,
      firstName: customers.firstName,
      lastName: customers.lastName,
      companyName: customers.companyName,
      siret: customers.siret,
      email: customers.email,
      phone: customers.phone,
      mobile: customers.mobile,
      postalCode: customers.postalCode,
      city: customers.city,
      nameMatch: nameCond ? sql<boolean>`${nameCond}` : sql<boolean>`false`,
    })
    .from(customers)
    .where(and(or(...conds), isNull(customers.erasedAt), opts.excludeId ? ne(customers.id, opts.excludeId) : undefined))
    .limit(opts.limit ?? 10);

  return rows.map((r) => {
    const reasons: DuplicateReason[] = [];
    if (probe.siret && r.siret === probe.siret) reasons.push('siret');
    if (probe.email && r.email?.toLowerCase() === probe.email.toLowerCase()) reasons.push('email');
    if (phones.some((p) => p === r.phone || p === r.mobile)) reasons.push('phone');
    if (r.nameMatch === true || (r.nameMatch as unknown) === 't') reasons.push('name');
    return {
      id: r.id,
      number: r.number,
      displayName: customerDisplayName(r),
      email: r.email,
      postalCode: r.postalCode,
      city: r.city,
      reasons,
    };
  });
}
