import 'server-only';
import type { Db } from '@/db';
import type { Actor } from '@/lib/auth/actor';
import { recordActivity } from '@/lib/audit';
import { sendCustomerEmail } from '@/lib/email/send';
import { AppError } from '@/lib/errors';
import { kindLabel } from './labels';
import type { InterventionKind } from './schema';

/**
 * What became of "envoyer le rapport au client": `sent`, `queued` (no SMTP server: kept in the
 * outbox), `failed` (the SMTP server's reason) or `refused` (consent withdrawn, no e-mail address).
 */
export interface ReportEmailResult {
  status: 'sent' | 'queued' | 'failed' | 'refused';
  reason: string | null;
  outboxId: string | null;
}

const DAY = new Intl.DateTimeFormat('fr-FR', { timeZone: 'Europe/Paris', dateStyle: 'long' });

/**
 * E-mails the report PDF after "Terminer", through the consent-gated send (lib/email/send.ts) with
 * purpose `service`: the gate decides (a recorded withdrawal blocks it) and logs the outcome in the
 * outbox and the customer's activity. Called after the completion has committed: whatever happens
 * here, the intervention stays done, and the outcome is returned rather than thrown.
 */
export async function emailInterventionReport(
  db: Db,
  actor: Actor,
  report: {
    customerId: string;
    interventionId: string;
    kind: InterventionKind;
    completedAt: Date;
    documentId: string;
    filename: string;
    pdf: Buffer;
  },
): Promise<ReportEmailResult> {
  const when = DAY.format(report.completedAt);
  const metadata = { interventionId: report.interventionId, reportDocumentId: report.documentId };
  try {
    const sent = await sendCustomerEmail(
      db,
      actor,
      report.customerId,
      {
        subject: `Rapport d’intervention du ${when} : ${kindLabel(report.kind)}`,
        body: [
          'Bonjour,',
          '',
          `Vous trouverez ci-joint le rapport de l’intervention réalisée le ${when} (${kindLabel(report.kind).toLowerCase()}).`,
          '',
          'Cordialement,',
          'Votre atelier',
        ].join('\n'),
        purpose: 'service',
      },
      {
        attachments: [
          {
            filename: report.filename,
            content: report.pdf,
            contentType: 'application/pdf',
            documentId: report.documentId,
          },
        ],
        metadata,
      },
    );
    return { status: sent.status === 'blocked' ? 'refused' : sent.status, reason: sent.error, outboxId: sent.id };
  } catch (error) {
    if (!(error instanceof AppError)) {
      console.error('[interventions] report e-mail failed', error instanceof Error ? error.message : error);
    }
    // The gate logged its own refusals (outbox row `blocked` + activity); anything else is logged here.
    const reason = error instanceof AppError ? error.message : 'Erreur inattendue lors de l’envoi du rapport.';
    if (!(error instanceof AppError && error.code === 'consent_missing')) {
      await recordActivity(db, actor, {
        customerId: report.customerId,
        type: 'email',
        title: 'Rapport d’intervention non envoyé',
        description: reason,
        metadata: { ...metadata, status: 'refused' },
        relatedType: 'intervention',
        relatedId: report.interventionId,
      }).catch((e: unknown) =>
        console.error('[interventions] report e-mail activity', e instanceof Error ? e.message : e),
      );
    }
    return { status: 'refused', reason, outboxId: null };
  }
}
