import { createHash, randomUUID } from 'node:crypto';
import { getDb } from '@/db';
import { consentEvents, customerActivity, customerDocuments, emailOutbox } from '@/db/schema';
import { insertIntervention, insertPartlyPaidInvoice } from './finances';

/**
 * Rows for the consents / e-mail / export tests, inserted directly (like the other factories),
 * including what the app itself would refuse to write (legacy grants without proof, e-mails sent
 * without consent) so the compliance rules have something to find.
 */
export async function insertConsentEvent(
  customerId: string,
  overrides: Partial<typeof consentEvents.$inferInsert> = {},
) {
  const [row] = await getDb()
    .insert(consentEvents)
    .values({
      customerId,
      purpose: 'marketing',
      channel: 'email',
      granted: true,
      source: 'paper-form',
      textVersion: 'v1',
      actorKind: 'system',
      actorName: 'test',
      ...overrides,
    })
    .returning();
  return row;
}

export async function insertDocument(
  customerId: string,
  overrides: Partial<typeof customerDocuments.$inferInsert> = {},
) {
  const key = `test/${randomUUID()}`;
  const [row] = await getDb()
    .insert(customerDocuments)
    .values({
      customerId,
      category: 'contract',
      originalName: 'formulaire-consentement.pdf',
      storageKey: key,
      mimeType: 'application/pdf',
      sizeBytes: 1234,
      sha256: createHash('sha256').update(key).digest('hex'),
      uploadedByName: 'test',
      ...overrides,
    })
    .returning();
  return row;
}

export async function insertOutboxEmail(customerId: string, overrides: Partial<typeof emailOutbox.$inferInsert> = {}) {
  const [row] = await getDb()
    .insert(emailOutbox)
    .values({
      customerId,
      to: 'client@exemple.fr',
      subject: 'Promo pneus',
      body: 'Offre',
      purpose: 'marketing',
      status: 'sent',
      actorKind: 'system',
      actorName: 'test',
      ...overrides,
    })
    .returning();
  return row;
}

export async function insertActivity(
  customerId: string,
  overrides: Partial<typeof customerActivity.$inferInsert> = {},
) {
  const [row] = await getDb()
    .insert(customerActivity)
    .values({ customerId, type: 'call', title: 'Appel', actorKind: 'system', actorName: 'test', ...overrides })
    .returning();
  return row;
}

let invoiceSeq = 0;
export async function insertInterventionInvoicePayment(customerId: string, at = new Date()) {
  const intervention = await insertIntervention(customerId, {
    status: 'invoiced',
    scheduledAt: at,
    completedAt: at,
    totalHtCents: 10000,
    totalTtcCents: 12000,
  });
  const { invoice, payment } = await insertPartlyPaidInvoice(customerId, {
    invoice: {
      interventionId: intervention.id,
      number: `T-${Date.now().toString(36)}-${++invoiceSeq}`,
      issuedAt: at,
      dueAt: new Date(at.getTime() + 30 * 86_400_000),
    },
    payment: { paidAt: at, reference: 'CB-1' },
  });
  return { intervention, invoice, payment };
}

export const yearsAgo = (n: number) => new Date(Date.now() - n * 365.25 * 86_400_000);
