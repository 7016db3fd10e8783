import 'server-only';
import { buffer } from 'node:stream/consumers';
import { and, eq, inArray, isNull } from 'drizzle-orm';
import type { Db, DbOrTx } from '@/db';
import { customerDocuments, emailOutbox, type EmailStatus, type OutboxAttachment } from '@/db/schema';
import type { Actor } from '@/lib/auth/actor';
import { withActivity } from '@/lib/audit';
import type { ConsentPurpose } from '@/lib/consents/config';
import { requireCustomer } from '@/lib/customers/guard';
import { AppError } from '@/lib/errors';
import { getStorage } from '@/lib/storage';
import { EMAIL_STATUS_LABELS } from './labels';
import { consentRefusal, deliverQueuedEmail, recipientOf, refusalActivity, type SendEmailResult } from './send';
import type { MailAttachment } from './transport';

const NOT_FOUND = 'E-mail introuvable.';

const notRetryable = (status: EmailStatus) =>
  AppError.conflict(
    `Seul un e-mail en échec peut être renvoyé : celui-ci est « ${EMAIL_STATUS_LABELS[status].toLowerCase()} ».`,
  );

async function outboxRow(db: DbOrTx, customerId: string, emailId: string, lock = false) {
  const query = db
    .select()
    .from(emailOutbox)
    .where(and(eq(emailOutbox.id, emailId), eq(emailOutbox.customerId, customerId)))
    .limit(1);
  const [row] = lock ? await query.for('update') : await query;
  if (!row) throw AppError.notFound(NOT_FOUND);
  return row;
}

/**
 * The files the e-mail carried, read again from the customer's documents (the outbox keeps only the text).
 * A file that is gone, or was never kept, cannot be sent again: 409 rather than a message without it.
 */
async function reloadAttachments(db: DbOrTx, customerId: string, files: OutboxAttachment[]): Promise<MailAttachment[]> {
  if (!files.length) return [];
  const ids = files.map((f) => f.documentId).filter((id): id is string => !!id);
  const docs = ids.length
    ? await db
        .select({ id: customerDocuments.id, storageKey: customerDocuments.storageKey })
        .from(customerDocuments)
        .where(
          and(
            inArray(customerDocuments.id, ids),
            eq(customerDocuments.customerId, customerId),
            isNull(customerDocuments.deletedAt),
          ),
        )
    : [];
  const storage = await getStorage();
  const out: MailAttachment[] = [];
  for (const file of files) {
    const doc = docs.find((d) => d.id === file.documentId);
    const content = doc ? await buffer(await storage.get(doc.storageKey)).catch(() => null) : null;
    if (!content)
      throw AppError.conflict(
        `La pièce jointe « ${file.filename} » n’est plus disponible : l’e-mail ne peut pas être renvoyé tel quel.`,
      );
    out.push({ filename: file.filename, content, contentType: file.contentType, documentId: doc!.id });
  }
  return out;
}

/**
 * « Réessayer » on a `failed` outbox row (any other status: 409). In one transaction, with its activity: the
 * consent gate is asked again (a withdrawal since the failure blocks it, as for a first send: row `blocked`,
 * 403 consent_missing), then the row goes back to `queued`, addressed to the customer's current e-mail
 * (the usual fix after a bounce is to correct it). Then the mail adapter delivers it like a first send.
 * Another customer's e-mail is a 404.
 */
export async function retryCustomerEmail(
  db: Db,
  actor: Actor,
  customerId: string,
  emailId: string,
): Promise<SendEmailResult> {
  // Files are read before the transaction: storage is slow, the transaction must stay short.
  const before = await outboxRow(db, customerId, emailId);
  if (before.status !== 'failed') throw notRetryable(before.status);
  const attachments = await reloadAttachments(db, customerId, before.attachments);

  const outcome = await withActivity(db, actor, async (tx) => {
    await requireCustomer(tx, customerId, { forUpdate: true });
    // Locked and checked again: two « Réessayer » at once send the message once, the second gets the 409.
    const row = await outboxRow(tx, customerId, emailId, true);
    if (row.status !== 'failed') throw notRetryable(row.status);
    const recipient = await recipientOf(tx, customerId);
    const purpose = row.purpose as ConsentPurpose;
    const refusal = await consentRefusal(tx, customerId, purpose, recipient.lastContactAt);
    await tx
      .update(emailOutbox)
      .set(refusal ? { status: 'blocked', error: refusal } : { status: 'queued', error: null, to: recipient.email })
      .where(eq(emailOutbox.id, row.id));
    const metadata = { outboxId: row.id, purpose, subject: row.subject, to: recipient.email, retry: true };
    return {
      value: { row, to: recipient.email, purpose, refusal },
      activity: {
        customerId,
        ...(refusal
          ? { ...refusalActivity(refusal), metadata: { ...metadata, status: 'blocked' } }
          : {
              type: 'email' as const,
              title: `Nouvel essai d’envoi : ${row.subject}`,
              description: row.error ? `Échec précédent : ${row.error}` : null,
              metadata: { ...metadata, status: 'queued', previousError: row.error },
            }),
        relatedType: 'email',
        relatedId: row.id,
      },
    };
  });
  if (outcome.refusal) throw new AppError('consent_missing', outcome.refusal);

  const { row } = outcome;
  return deliverQueuedEmail(db, actor, {
    id: row.id,
    customerId,
    to: outcome.to,
    subject: row.subject,
    body: row.body,
    purpose: outcome.purpose,
    attachments,
    metadata: { retry: true },
  });
}
