import 'server-only';
import { descNullsLast } from '@/db/order';
import { and, desc, eq, isNull, sql, type SQL } from 'drizzle-orm';
import { type DbOrTx, getDb } from '@/db';
import { consentEvents, customerActivity, customerDocuments, interventions, invoices } from '@/db/schema';
import type { ActorKind } from '@/db/schema/enums';
import type { Role } from '@/lib/auth/permissions';
import { documentVisibleTo } from '@/lib/documents/queries';
import { decodeCursor, type Page, timeIdCursor, toPage } from '@/lib/pagination';
import {
  CONSENT_CHANNELS,
  CONSENT_PURPOSES,
  LAST_CONTACT_ACTIVITY_TYPES,
  type ConsentChannel,
  type ConsentPurpose,
} from './config';
import type { ConsentHistoryQuery } from './schema';

/** A consent event (proofText added: it is part of the proof the customer may ask to see). */
export interface ConsentEventDto {
  id: string;
  customerId: string;
  purpose: string;
  channel: string;
  granted: boolean;
  source: string;
  textVersion: string | null;
  proofText: string | null;
  documentId: string | null;
  actor: { kind: ActorKind; id: string | null; name: string };
  ip: string | null;
  userAgent: string | null;
  occurredAt: Date;
}

export type ConsentState = 'granted' | 'withdrawn' | 'never';
export interface ConsentCell {
  state: ConsentState;
  since: Date | null;
  source: string | null;
  textVersion: string | null;
  eventId: string | null;
}
export type ConsentGrid = Record<ConsentPurpose, Record<ConsentChannel, ConsentCell>>;

type ConsentEventRow = typeof consentEvents.$inferSelect;

export function toConsentEventDto(row: ConsentEventRow): ConsentEventDto {
  return {
    id: row.id,
    customerId: row.customerId,
    purpose: row.purpose,
    channel: row.channel,
    granted: row.granted,
    source: row.source,
    textVersion: row.textVersion,
    proofText: row.proofText,
    documentId: row.documentId,
    actor: { kind: row.actorKind, id: row.actorId, name: row.actorName },
    ip: row.ip,
    userAgent: row.userAgent,
    occurredAt: row.occurredAt,
  };
}

const NEVER: ConsentCell = { state: 'never', since: null, source: null, textVersion: null, eventId: null };

export function emptyConsentGrid(): ConsentGrid {
  return Object.fromEntries(
    CONSENT_PURPOSES.map((p) => [p, Object.fromEntries(CONSENT_CHANNELS.map((c) => [c, { ...NEVER }]))]),
  ) as ConsentGrid;
}

/** The current state of every purpose × channel: the latest event of each cell, in one query. */
export async function getConsentState(db: DbOrTx, customerId: string): Promise<ConsentGrid> {
  const rows = await db
    .selectDistinctOn([consentEvents.purpose, consentEvents.channel], {
      id: consentEvents.id,
      purpose: consentEvents.purpose,
      channel: consentEvents.channel,
      granted: consentEvents.granted,
      source: consentEvents.source,
      textVersion: consentEvents.textVersion,
      occurredAt: consentEvents.occurredAt,
    })
    .from(consentEvents)
    .where(eq(consentEvents.customerId, customerId))
    .orderBy(consentEvents.purpose, consentEvents.channel, desc(consentEvents.occurredAt), desc(consentEvents.id));
  const grid = emptyConsentGrid();
  for (const row of rows) {
    // Purposes/channels removed from the configuration keep their history but leave the grid.
    const cells = grid[row.purpose as ConsentPurpose];
    if (!cells || !(row.channel in cells)) continue;
    cells[row.channel as ConsentChannel] = {
      state: row.granted ? 'granted' : 'withdrawn',
      since: row.occurredAt,
      source: row.source,
      textVersion: row.textVersion,
      eventId: row.id,
    };
  }
  return grid;
}

/** Latest event of one cell (used by send-email inside its transaction). */
export async function getLatestConsentEvent(db: DbOrTx, customerId: string, purpose: string, channel: string) {
  const [row] = await db
    .select()
    .from(consentEvents)
    .where(
      and(
        eq(consentEvents.customerId, customerId),
        eq(consentEvents.purpose, purpose),
        eq(consentEvents.channel, channel),
      ),
    )
    .orderBy(descNullsLast(consentEvents.occurredAt), descNullsLast(consentEvents.id))
    .limit(1);
  return row ?? null;
}

/**
 * History, newest first, keyset on (occurred_at, id). The cursor keeps the timestamp's
 * microseconds (a JS Date would truncate them and skip rows written in the same millisecond).
 */
export async function listConsentEvents(
  db: DbOrTx,
  customerId: string,
  query: Pick<ConsentHistoryQuery, 'purpose' | 'channel' | 'limit' | 'cursor'>,
): Promise<Page<ConsentEventDto>> {
  const cursor = decodeCursor(query.cursor, timeIdCursor);
  const where: SQL[] = [eq(consentEvents.customerId, customerId)];
  if (query.purpose) where.push(eq(consentEvents.purpose, query.purpose));
  if (query.channel) where.push(eq(consentEvents.channel, query.channel));
  if (cursor)
    where.push(
      sql`(${consentEvents.occurredAt}, ${consentEvents.id}) < (${cursor.t}::timestamptz, ${cursor.id}::uuid)`,
    );
  const rows = await db
    .select({
      event: consentEvents,
      cursorTime: sql<string>`to_char(${consentEvents.occurredAt} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`,
    })
    .from(consentEvents)
    .where(and(...where))
    .orderBy(descNullsLast(consentEvents.occurredAt), descNullsLast(consentEvents.id))
    .limit(query.limit + 1);
  return toPage(
    rows,
    query.limit,
    (r) => toConsentEventDto(r.event),
    (r) => ({ t: r.cursorTime, id: r.event.id }),
  );
}

/**
 * The customer's last contact (exchanges and business: calls, visits, interventions, invoices,
 * payments) as an SQL expression correlated on `customerId` — shared by the compliance check,
 * the list filter and send-email so they always agree.
 */
export function lastContactAtSql(customerId: SQL | string): SQL<Date | null> {
  const id = typeof customerId === 'string' ? sql`${customerId}::uuid` : customerId;
  const types = sql.join(
    LAST_CONTACT_ACTIVITY_TYPES.map((t) => sql`${t}`),
    sql`, `,
  );
  return sql<Date | null>`greatest(
    (select max(${customerActivity.occurredAt}) from ${customerActivity}
      where ${customerActivity.customerId} = ${id} and ${customerActivity.type} in (${types}) and ${customerActivity.occurredAt} <= now()),
    (select max(coalesce(${interventions.completedAt}, ${interventions.scheduledAt})) from ${interventions}
      where ${interventions.customerId} = ${id} and ${interventions.status} <> 'cancelled'
        and coalesce(${interventions.completedAt}, ${interventions.scheduledAt}) <= now()),
    (select max(${invoices.issuedAt}) from ${invoices} where ${invoices.customerId} = ${id})
  )`;
}

export async function getLastContactAt(db: DbOrTx, customerId: string): Promise<Date | null> {
  // mapWith: the drivers return timestamps differently (Date or string); the column mapper normalises.
  const [row] = await db
    .select({ at: sql<Date | null>`${lastContactAtSql(customerId)}`.mapWith(customerActivity.occurredAt) })
    .from(sql`(select 1) as one`);
  return row?.at ?? null;
}

export interface ProofDocumentOption {
  id: string;
  originalName: string;
  category: string;
  uploadedAt: Date;
}

/** The customer's live documents the role may see: candidates for "signed form" proof. */
export async function listProofDocuments(db: DbOrTx, customerId: string, role: Role): Promise<ProofDocumentOption[]> {
  return db
    .select({
      id: customerDocuments.id,
      originalName: customerDocuments.originalName,
      category: customerDocuments.category,
      uploadedAt: customerDocuments.uploadedAt,
    })
    .from(customerDocuments)
    .where(
      and(eq(customerDocuments.customerId, customerId), isNull(customerDocuments.deletedAt), documentVisibleTo(role)),
    )
    .orderBy(desc(customerDocuments.uploadedAt))
    .limit(200);
}

/** 360 summary: the current consent grid. */
export function loadConsentState(customerId: string): Promise<ConsentGrid> {
  return getConsentState(getDb(), customerId);
}
