import 'server-only';
import { desc, eq } from 'drizzle-orm';
import type { Db } from '@/db';
import { emailOutbox, type EmailStatus } from '@/db/schema';

export interface OutboxEmailDto {
  id: string;
  to: string;
  subject: string;
  purpose: string;
  status: EmailStatus;
  error: string | null;
  actorName: string;
  createdAt: Date;
  sentAt: Date | null;
}

/** The customer's latest e-mails (outbox), newest first. */
export async function listCustomerEmails(db: Db, customerId: string, limit = 20): Promise<OutboxEmailDto[]> {
  return db
    .select({
      id: emailOutbox.id,
      to: emailOutbox.to,
      subject: emailOutbox.subject,
      purpose: emailOutbox.purpose,
      status: emailOutbox.status,
      error: emailOutbox.error,
      actorName: emailOutbox.actorName,
      createdAt: emailOutbox.createdAt,
      sentAt: emailOutbox.sentAt,
    })
    .from(emailOutbox)
    .where(eq(emailOutbox.customerId, customerId))
    .orderBy(desc(emailOutbox.createdAt), desc(emailOutbox.id))
    .limit(limit);
}
