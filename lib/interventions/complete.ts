import { and, eq, isNull } from 'drizzle-orm';
import type { Readable } from 'node:stream';
import type { Db, DbOrTx } from '@/db';
import { customerDocuments, customers, interventions, users, vehicles } from '@/db/schema';
import { markRfmStale } from '@/lib/analytics/rfm';
import type { Actor } from '@/lib/auth/actor';
import { recordActivity } from '@/lib/audit';
import { customerDisplayName } from '@/lib/customers/schema';
import { uploadDocument } from '@/lib/documents/mutations';
import { AppError } from '@/lib/errors';
import { getStorage, type Storage } from '@/lib/storage';
import { kindLabel } from './labels';
import { checkVersion, findIntervention, lockIntervention, requireReport, STALE } from './guards';
import { dto, entry } from './mutations';
import { renderInterventionReport } from './pdf';
import { emailInterventionReport, type ReportEmailResult } from './report-email';
import { getLines, vehicleLabel } from './queries';
import { applyReport } from './report';
import type { InterventionCompleteInput } from './schema';
import { completionErrors, transition } from './state';
import { computeTotals } from './totals';
import type { InterventionDto } from './types';
import { parisToday } from './time';

type InterventionRow = typeof interventions.$inferSelect;
const MAX_SIGNATURE_BYTES = 512 * 1024;

async function readAll(stream: Readable, max: number): Promise<Buffer | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream) {
    const buf = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as Uint8Array);
    size += buf.length;
    if (size > max) {
      stream.destroy();
      return null;
    }
    chunks.push(buf);
  }
  return Buffer.concat(chunks);
}

/** The signature drawn on the phone, for the report; a missing or unreadable file leaves it out. */
async function signatureBytes(db: DbOrTx, row: InterventionRow, storage: Storage): Promise<Buffer | null> {
  if (!row.signatureDocumentId) return null;
  const [doc] = await db
    .select({ storageKey: customerDocuments.storageKey })
    .from(customerDocuments)
    .where(and(eq(customerDocuments.id, row.signatureDocumentId), isNull(customerDocuments.deletedAt)))
    .limit(1);
  if (!doc) return null;
  try {
    return await readAll(await storage.get(doc.storageKey), MAX_SIGNATURE_BYTES);
  } catch {
    return null;
  }
}

/**
 * "Terminer": checks the move and the report (work done; at least one line or "no charge"),
 * renders the PDF report from the state being committed, then stores it as a `report` document
 * through the documents mutation (sha256, size, its activity) in the same transaction as the
 * status change and its own activity. The report may come with the call (the final save from the
 * phone). A concurrent edit between the check and the commit is a 409 (the PDF would not match).
 * With `sendReport`, the PDF is then e-mailed to the customer (purpose `service`, consent-gated);
 * `reportEmail` says what became of it (null when not asked).
 */
export async function completeIntervention(
  db: Db,
  actor: Actor,
  customerId: string,
  id: string,
  input: InterventionCompleteInput = {},
  options: { storage?: Storage } = {},
): Promise<InterventionDto & { reportEmail: ReportEmailResult | null }> {
  const { updatedAt, sendReport, ...report } = input;
  const row = await findIntervention(db, customerId, id);
  await requireReport(db, actor, row);
  checkVersion(row, updatedAt);
  transition(row.status, 'complete');

  const currentLines = await getLines(db, id);
  const lines = report.lines ?? currentLines;
  const workDone = report.workDone !== undefined ? report.workDone : row.workDone;
  const noCharge = report.noCharge ?? row.noCharge;
  const missing = completionErrors({ workDone, lineCount: lines.length, noCharge });
  if (Object.keys(missing).length) throw AppError.validation(missing, 'Compte rendu incomplet.');

  const storage = options.storage ?? (await getStorage());
  const [[customer], vehicle, technician, signaturePng] = await Promise.all([
    db.select().from(customers).where(eq(customers.id, customerId)).limit(1),
    row.vehicleId ? db.select().from(vehicles).where(eq(vehicles.id, row.vehicleId)).limit(1) : [],
    row.technicianId ? db.select({ name: users.name }).from(users).where(eq(users.id, row.technicianId)).limit(1) : [],
    signatureBytes(db, row, storage),
  ]);
  const completedAt = new Date();
  const odometerKm = report.odometerKm !== undefined ? report.odometerKm : row.odometerKm;
  const pdf = await renderInterventionReport({
    customer: {
      number: customer.number,
      name: customerDisplayName(customer),
      phone: customer.mobile ?? customer.phone,
    },
    intervention: { ...row, workDone, noCharge, odometerKm, completedAt },
    vehicle: vehicle[0] ? { label: vehicleLabel(vehicle[0]), vin: vehicle[0].vin } : null,
    technician: technician[0]?.name ?? null,
    lines,
    totals: computeTotals(lines, { noCharge }),
    signaturePng,
  });

  let result: InterventionDto | undefined;
  const filename = `rapport-intervention-${parisToday(completedAt)}-${customer.number}.pdf`;
  await uploadDocument(
    db,
    actor,
    customerId,
    {
      body: new Uint8Array(pdf),
      originalName: filename,
      category: 'report',
      description: `Rapport d'intervention : ${kindLabel(row.kind)}`,
    },
    {
      storage,
      inTransaction: async (tx, doc) => {
        const locked = await lockIntervention(tx, customerId, id);
        if (locked.updatedAt.getTime() !== row.updatedAt.getTime()) throw AppError.conflict(STALE);
        const status = transition(locked.status, 'complete');
        const applied = Object.keys(report).length
          ? await applyReport(tx, actor, locked, report)
          : { changes: { ...computeTotalsColumns(currentLines, locked.noCharge) }, metadata: {} };
        const [updated] = await tx
          .update(interventions)
          .set({ ...applied.changes, status, completedAt, reportDocumentId: doc.id, updatedAt: completedAt })
          .where(eq(interventions.id, id))
          .returning();
        await recordActivity(
          tx,
          actor,
          entry(updated, `Intervention terminée : ${kindLabel(updated.kind)}`, {
            description: updated.workDone,
            metadata: { ...applied.metadata, reportDocumentId: doc.id, completedAt: completedAt.toISOString() },
          }),
        );
        result = await dto(tx, updated);
      },
    },
  );
  // Visits feed RFM frequency and recency: the next analytics read refreshes the scores.
  markRfmStale();
  const done = result!;
  const reportEmail = sendReport
    ? await emailInterventionReport(db, actor, {
        customerId,
        interventionId: id,
        kind: done.kind,
        completedAt,
        documentId: done.reportDocumentId!,
        filename,
        pdf,
      })
    : null;
  return { ...done, reportEmail };
}

function computeTotalsColumns(lines: Parameters<typeof computeTotals>[0], noCharge: boolean) {
  const totals = computeTotals(lines, { noCharge });
  return { totalHtCents: totals.totalHtCents, totalTtcCents: totals.totalTtcCents };
}
