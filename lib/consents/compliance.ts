import 'server-only';
import { and, desc, eq, inArray, notInArray, sql, type SQL } from 'drizzle-orm';
import { type DbOrTx, getDb } from '@/db';
import { consentEvents, customerActivity, customers, emailOutbox } from '@/db/schema';
import type { Role } from '@/lib/auth/permissions';
import { listCustomerEmails } from '@/lib/email/queries';
import { AppError } from '@/lib/errors';
import { firstPageOnBadCursor, type Page } from '@/lib/pagination';
import {
  CONSENT_FREE_PURPOSES,
  CONSENT_VALIDITY_MONTHS,
  PROOF_REQUIRED_PURPOSES,
  RETENTION_MONTHS,
  channelLabel,
  consentValidUntil,
  hasProof,
  purposeLabel,
  retentionEndsAt,
  type ConsentChannel,
  type ConsentPurpose,
} from './config';
import { getConsentState, lastContactAtSql, listConsentEvents, listProofDocuments, type ConsentGrid } from './queries';

/**
 * Compliance rules (CNIL). Each rule exists twice — in TypeScript for one customer's detailed
 * report and in SQL for the list filter `/customers?compliance=issues` — and both read the same
 * constants from config.ts; tests check they agree.
 */
export type ComplianceIssueCode =
  'consent_proof_missing' | 'consent_expired' | 'retention_exceeded' | 'email_without_consent';

export interface ComplianceIssue {
  code: ComplianceIssueCode;
  severity: 'error' | 'warning';
  message: string;
  purpose?: string;
  channel?: string;
}

export interface ComplianceReport {
  ok: boolean;
  issues: ComplianceIssue[];
  lastContactAt: Date | null;
}

const frDate = new Intl.DateTimeFormat('fr-FR', { dateStyle: 'long', timeZone: 'Europe/Paris' });

/** Outbox rows counted as communications: queued or sent. */
const COMMUNICATED = ['sent', 'queued'] as const;

/** Condition on `email_outbox` rows: a consent-bound e-mail whose consent was not granted when it was written. */
function emailWithoutConsentSql(): SQL {
  return sql`not coalesce((
    select ce.granted from ${consentEvents} ce
    where ce.customer_id = ${emailOutbox.customerId} and ce.purpose = ${emailOutbox.purpose}
      and ce.channel = 'email' and ce.occurred_at <= ${emailOutbox.createdAt}
    order by ce.occurred_at desc, ce.id desc limit 1
  ), false)`;
}

function purposeListSql(purposes: readonly string[]): SQL {
  return sql.join(
    purposes.map((p) => sql`${p}`),
    sql`, `,
  );
}

function validityMonthsSql(purpose: SQL): SQL {
  const cases = Object.entries(CONSENT_VALIDITY_MONTHS)
    .filter(([, months]) => months != null)
    .map(([p, months]) => sql`when ${p} then ${sql.raw(String(Math.trunc(months as number)))}`);
  if (!cases.length) return sql`null::int`;
  return sql`(case ${purpose} ${sql.join(cases, sql` `)} else null end)`;
}

/** SQL condition on `customers`: true when checkCompliance would report at least one issue. */
export function complianceIssuesFilter(): SQL {
  const lastContact = lastContactAtSql(sql`${customers.id}`);
  const months = validityMonthsSql(sql`s.purpose`);
  return sql`(${customers.erasedAt} is null and (
    exists (
      select 1 from (
        select distinct on (ce.purpose, ce.channel) ce.purpose, ce.granted, ce.source, ce.text_version, ce.occurred_at
        from ${consentEvents} ce where ce.customer_id = ${customers.id}
        order by ce.purpose, ce.channel, ce.occurred_at desc, ce.id desc
      ) s
      where s.granted and (
        (s.purpose in (${purposeListSql(PROOF_REQUIRED_PURPOSES)})
          and (s.source = 'legacy-import' or coalesce(btrim(s.text_version), '') = ''))
        or (${months} is not null
          and greatest(s.occurred_at, ${lastContact}) + make_interval(months => ${months}) < now())
      )
    )
    or greatest(${customers.createdAt}, ${lastContact}) + make_interval(months => ${sql.raw(String(RETENTION_MONTHS))}) < now()
    or exists (
      select 1 from ${emailOutbox}
      where ${emailOutbox.customerId} = ${customers.id}
        and ${emailOutbox.status} in ('sent', 'queued')
        and ${emailOutbox.purpose} not in (${purposeListSql(CONSENT_FREE_PURPOSES)})
        and ${emailWithoutConsentSql()}
    )
  ))`;
}

/** E-mails (queued or sent) written while their consent was absent or withdrawn. */
export async function listEmailsWithoutConsent(db: DbOrTx, customerId: string) {
  return db
    .select({ id: emailOutbox.id, purpose: emailOutbox.purpose, createdAt: emailOutbox.createdAt })
    .from(emailOutbox)
    .where(
      and(
        eq(emailOutbox.customerId, customerId),
        inArray(emailOutbox.status, [...COMMUNICATED]),
        notInArray(emailOutbox.purpose, [...CONSENT_FREE_PURPOSES]),
        emailWithoutConsentSql(),
      ),
    )
    .orderBy(desc(emailOutbox.createdAt));
}

export async function checkCompliance(
  db: DbOrTx,
  customerId: string,
  opts: { state?: ConsentGrid; now?: Date } = {},
): Promise<ComplianceReport> {
  const [customer] = await db
    .select({
      createdAt: customers.createdAt,
      erasedAt: customers.erasedAt,
      lastContactAt: sql<Date | null>`${lastContactAtSql(sql`${customers.id}`)}`.mapWith(customerActivity.occurredAt),
    })
    .from(customers)
    .where(eq(customers.id, customerId))
    .limit(1);
  if (!customer) throw AppError.notFound('Client introuvable.');
  // An erased customer has no personal data left to keep or prove.
  if (customer.erasedAt) return { ok: true, issues: [], lastContactAt: null };

  const now = opts.now ?? new Date();
  const [state, emails] = await Promise.all([
    opts.state ?? getConsentState(db, customerId),
    listEmailsWithoutConsent(db, customerId),
  ]);
  const issues: ComplianceIssue[] = [];

  for (const [purpose, cells] of Object.entries(state) as [ConsentPurpose, ConsentGrid[ConsentPurpose]][]) {
    for (const [channel, cell] of Object.entries(cells) as [
      ConsentChannel,
      ConsentGrid[ConsentPurpose][ConsentChannel],
    ][]) {
      if (cell.state !== 'granted' || !cell.since || !cell.source) continue;
      const where = `« ${purposeLabel(purpose)} » par ${channelLabel(channel).toLowerCase()}`;
      if (
        PROOF_REQUIRED_PURPOSES.includes(purpose) &&
        !hasProof({ source: cell.source, textVersion: cell.textVersion })
      ) {
        issues.push({
          code: 'consent_proof_missing',
          severity: 'error',
          purpose,
          channel,
          message:
            cell.source === 'legacy-import'
              ? `Consentement ${where} repris de l’ancien logiciel sans preuve : faites-le reconfirmer.`
              : `Consentement ${where} sans preuve (version du texte accepté manquante).`,
        });
      }
      const validUntil = consentValidUntil(purpose, cell.since, customer.lastContactAt);
      if (validUntil && validUntil < now) {
        issues.push({
          code: 'consent_expired',
          severity: 'error',
          purpose,
          channel,
          message: `Consentement ${where} expiré depuis le ${frDate.format(validUntil)} (accordé le ${frDate.format(cell.since)}, aucun contact depuis) : à renouveler.`,
        });
      }
    }
  }

  const retentionEnd = retentionEndsAt(customer.createdAt, customer.lastContactAt);
  if (retentionEnd < now) {
    const last = customer.lastContactAt
      ? `dernier contact le ${frDate.format(customer.lastContactAt)}`
      : 'aucun contact enregistré';
    issues.push({
      code: 'retention_exceeded',
      severity: 'warning',
      message: `Client inactif depuis plus de ${Math.round(RETENTION_MONTHS / 12)} ans (${last}) : durée de conservation dépassée, envisagez l’effacement de ses données.`,
    });
  }

  const byPurpose = new Map<string, { count: number; last: Date }>();
  for (const e of emails) {
    const entry = byPurpose.get(e.purpose);
    if (entry) entry.count++;
    else byPurpose.set(e.purpose, { count: 1, last: e.createdAt });
  }
  for (const [purpose, { count, last }] of byPurpose) {
    issues.push({
      code: 'email_without_consent',
      severity: 'error',
      purpose,
      channel: 'email',
      message: `${count} e-mail${count > 1 ? 's' : ''} « ${purposeLabel(purpose)} » envoyé${count > 1 ? 's' : ''} sans consentement valide (dernier le ${frDate.format(last)}).`,
    });
  }

  return { ok: issues.length === 0, issues, lastContactAt: customer.lastContactAt };
}

const PAGE = 20;

/** One page of a list shown on the tab, and whether it is the first (a stale cursor → the first page). */
const pageAt = <T>(load: (cursor: string | undefined) => Promise<Page<T>>, cursor: string | undefined) =>
  firstPageOnBadCursor(async (c) => ({ page: await load(c), first: !c }), cursor);

/**
 * Consents tab: the grid and its compliance report, one page of history (a stale cursor → the first
 * page), the documents the role may cite as proof, one page of the outbox. It lives here rather than in
 * queries.ts because it needs the compliance report (queries.ts is imported by this module).
 */
export async function loadConsentsTab(
  customerId: string,
  role: Role,
  historyCursor: string | undefined,
  emailsCursor?: string,
) {
  const db = getDb();
  const [{ state, compliance }, history, proofDocuments, emails] = await Promise.all([
    getConsentState(db, customerId).then(async (grid) => ({
      state: grid,
      compliance: await checkCompliance(db, customerId, { state: grid }),
    })),
    pageAt((cursor) => listConsentEvents(db, customerId, { limit: PAGE, cursor }), historyCursor),
    listProofDocuments(db, customerId, role),
    pageAt((cursor) => listCustomerEmails(db, customerId, { limit: PAGE, cursor }), emailsCursor),
  ]);
  return { state, compliance, history, proofDocuments, emails };
}
