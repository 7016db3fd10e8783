import 'server-only';
import { and, desc, eq, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '@/db';
import { emailOutbox, type EmailStatus } from '@/db/schema';
import { decodeCursor, type Page, timeIdCursor, toPage } from '@/lib/pagination';
import type { CustomerEmailsQuery } from './template-schema';

export interface OutboxEmailDto {
  id: string;
  to: string;
  subject: string;
  purpose: string;
  status: EmailStatus;
  /** Why it failed (the SMTP server's reply) or was blocked (the consent refusal); null otherwise. */
  error: string | null;
  /** Names of the files sent with it. */
  attachments: string[];
  actorName: string;
  createdAt: Date;
  sentAt: Date | null;
}

/**
 * The customer's outbox, newest first, keyset pages on (created_at, id) over email_outbox_customer_idx. The
 * cursor keeps the timestamp's microseconds (a JS Date would skip rows written in the same millisecond).
 */
export async function listCustomerEmails(
  db: DbOrTx,
  customerId: string,
  query: Pick<CustomerEmailsQuery, 'status' | 'limit' | 'cursor'>,
): Promise<Page<OutboxEmailDto>> {
  const cursor = decodeCursor(query.cursor, timeIdCursor);
  const where: SQL[] = [eq(emailOutbox.customerId, customerId)];
  if (query.status) where.push(eq(emailOutbox.status, query.status));
  if (cursor)
    where.push(sql`(${emailOutbox.createdAt}, ${emailOutbox.id}) < (${cursor.t}::timestamptz, ${cursor.id}::uuid)`);
  const rows = await db
    .select({
      id: emailOutbox.id,
      to: emailOutbox.to,
      subject: emailOutbox.subject,
      purpose: emailOutbox.purpose,
      status: emailOutbox.status,
      error: emailOutbox.error,
      attachments: emailOutbox.attachments,
      actorName: emailOutbox.actorName,
      createdAt: emailOutbox.createdAt,
      sentAt: emailOutbox.sentAt,
      cursorTime: sql<string>`to_char(${emailOutbox.createdAt} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`,
    })
    .from(emailOutbox)
    .where(and(...where))
    .orderBy(desc(emailOutbox.createdAt), desc(emailOutbox.id))
    .limit(query.limit + 1);
  return toPage(
    rows,
    query.limit,
    ({ cursorTime: _, attachments, ...r }) => ({ ...r, attachments: attachments.map((a) => a.filename) }),
    (r) => ({ t: r.cursorTime, id: r.id }),
  );
}
