import 'server-only';
import { and, eq, isNull } from 'drizzle-orm';
import type { Db } from '@/db';
import { consentEvents, customerDocuments } from '@/db/schema';
import type { Actor } from '@/lib/auth/actor';
import { withActivity } from '@/lib/audit';
import { requireCustomer } from '@/lib/customers/guard';
import { AppError } from '@/lib/errors';
import { channelLabel, purposeLabel, sourceLabel } from './config';
import { toConsentEventDto, type ConsentEventDto } from './queries';
import type { ConsentRecordInput } from './schema';

/**
 * Appends one consent decision (never updates: the table is append-only in the database).
 * Who, when, how and to which text are recorded with the actor's IP and user agent, and the
 * customer's timeline gets a 'consent' activity in the same transaction.
 */
export async function recordConsent(
  db: Db,
  actor: Actor,
  customerId: string,
  input: ConsentRecordInput,
): Promise<ConsentEventDto> {
  return withActivity(db, actor, async (tx) => {
    await requireCustomer(tx, customerId, { forUpdate: true });

    if (input.documentId) {
      // A proof document must be one of this customer's live documents (another customer's id → 404).
      const [doc] = await tx
        .select({ id: customerDocuments.id })
        .from(customerDocuments)
        .where(
          and(
            eq(customerDocuments.id, input.documentId),
            eq(customerDocuments.customerId, customerId),
            isNull(customerDocuments.deletedAt),
          ),
        )
        .limit(1);
      if (!doc) throw AppError.notFound('Document de preuve introuvable pour ce client.');
    }

    // A withdrawal without a declared source: the channel the request came through.
    const source = input.source ?? (actor.kind === 'token' ? 'api' : 'in-person');
    const [event] = await tx
      .insert(consentEvents)
      .values({
        customerId,
        purpose: input.purpose,
        channel: input.channel,
        granted: input.granted,
        source,
        textVersion: input.textVersion ?? null,
        proofText: input.proofText ?? null,
        documentId: input.documentId ?? null,
        actorKind: actor.kind,
        actorId: actor.id,
        actorName: actor.name,
        ip: actor.ip ?? null,
        userAgent: actor.userAgent ?? null,
      })
      .returning();

    const what = `${purposeLabel(input.purpose)} — ${channelLabel(input.channel)}`;
    return {
      value: toConsentEventDto(event),
      activity: {
        customerId,
        type: 'consent',
        title: input.granted ? `Consentement accordé : ${what}` : `Consentement retiré : ${what}`,
        description: input.granted
          ? `Source : ${sourceLabel(source)}, texte version ${input.textVersion ?? '—'}${input.documentId ? ', document signé joint' : ''}.`
          : `Source : ${sourceLabel(source)}.`,
        metadata: {
          purpose: input.purpose,
          channel: input.channel,
          granted: input.granted,
          source,
          textVersion: input.textVersion ?? null,
          documentId: input.documentId ?? null,
        },
        relatedType: 'consent_event',
        relatedId: event.id,
      },
    };
  });
}
