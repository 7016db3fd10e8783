import { createHash, randomUUID } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { eq, inArray, isNull, and, or, sql } from 'drizzle-orm';
import type { Db } from '@/db';
import {
  consentEvents,
  customerNotes,
  customers,
  interventions,
  legacyIdMap,
  migrationRuns,
  vehicles,
} from '@/db/schema';
import type { Actor } from '@/lib/auth/actor';
import { recordActivity } from '@/lib/audit';
import { buildSearchText, buildSortName } from '@/lib/customers/search';
import { erasedPersonMessage, findTombstones, identityHashes } from '@/lib/customers/tombstones';
import { createBackup, pruneImportBackups } from './backup';
import { lastVisitIntervention } from './last-visit';
import { mapLegacyRecord, type MappedCustomer, type RejectCode, type RejectReason } from './map';
import { parseLegacyFile, type LegacyEncoding, type LegacyFormat } from './parse';

import type { SkipCode } from './labels';

export { SKIP_LABELS, type SkipCode } from './labels';

export interface ImportRowReport {
  line: number;
  legacyId: string;
  status: 'imported' | 'would-import' | 'rejected' | 'skipped';
  reasons?: RejectReason[];
  skip?: { code: SkipCode; message: string; customerId?: string; customerNumber?: string; line?: number };
  customerId?: string;
  display?: string;
}

export interface ImportStats {
  read: number;
  imported: number;
  /** Create-only by design: once imported, the CRM is the master; a known row is skipped, never overwritten. */
  updated: number;
  skippedDuplicate: number;
  skippedByReason: Partial<Record<SkipCode, number>>;
  rejected: number;
  /** Rows per reason (a row with two defects counts under both). */
  rejectedByReason: Partial<Record<RejectCode, number>>;
}

export interface ImportReport {
  file: string;
  checksum: string;
  encoding: LegacyEncoding;
  format: LegacyFormat;
  dryRun: boolean;
  runId: string | null;
  backupPath: string | null;
  status: 'completed' | 'failed' | 'dry-run';
  resumedFrom: number | null;
  stats: ImportStats;
  rows: ImportRowReport[];
  failure: { line: number; message: string; resumeFrom: number } | null;
}

export interface ImportOptions {
  file?: string;
  buffer?: Buffer;
  fileName?: string;
  dryRun?: boolean;
  reportPath?: string;
  batchSize?: number;
  resumeFrom?: number;
}

type Pending = { line: number; value: MappedCustomer; display: string };

const lowerEmail = (e: string | null | undefined) => (e ? e.toLowerCase() : null);

function displayOf(m: MappedCustomer): string {
  const c = m.customer;
  return c.kind === 'company' && c.companyName ? c.companyName : [c.firstName, c.lastName].filter(Boolean).join(' ');
}

/** The first existing customer sharing a strong identifier (SIRET, email ci, phone E.164). */
async function existingMatches(db: Db, batch: Pending[]) {
  const emails = [...new Set(batch.map((p) => lowerEmail(p.value.customer.email)).filter((v): v is string => !!v))];
  const sirets = [...new Set(batch.map((p) => p.value.customer.siret).filter((v): v is string => !!v))];
  const phones = [
    ...new Set(batch.flatMap((p) => [p.value.customer.phone, p.value.customer.mobile]).filter((v): v is string => !!v)),
  ];
  const conds = [
    emails.length ? sql`lower(${customers.email}) in ${emails}` : undefined,
    sirets.length ? inArray(customers.siret, sirets) : undefined,
    phones.length ? inArray(customers.phone, phones) : undefined,
    phones.length ? inArray(customers.mobile, phones) : undefined,
  ].filter(Boolean);
  if (!conds.length) return [];
  return db
    .select({
      id: customers.id,
      number: customers.number,
      email: customers.email,
      siret: customers.siret,
      phone: customers.phone,
      mobile: customers.mobile,
    })
    .from(customers)
    .where(and(or(...conds), isNull(customers.erasedAt)));
}

async function insertBatch(
  db: Db,
  actor: Actor,
  runId: string,
  fileLabel: string,
  batch: Pending[],
): Promise<string[]> {
  const ids = batch.map(() => randomUUID());
  await db.transaction(async (tx) => {
    const now = new Date();
    await tx.insert(customers).values(
      batch.map((p, i) => {
        const c = p.value.customer;
        return {
          id: ids[i],
          ...c,
          status: p.value.status,
          createdBy: actor.kind === 'user' ? actor.id : null,
          createdAt: p.value.createdAt ?? now,
          sortName: buildSortName(c),
          searchText: buildSearchText(
            c,
            p.value.vehicles.map((v) => v.plate),
          ),
        };
      }),
    );
    const vehicleRows = batch.flatMap((p, i) => p.value.vehicles.map((v) => ({ customerId: ids[i], ...v })));
    if (vehicleRows.length) await tx.insert(vehicles).values(vehicleRows);
    const noteRows = batch.flatMap((p, i) =>
      p.value.note
        ? [
            {
              customerId: ids[i],
              body: p.value.note,
              authorId: actor.kind === 'user' ? actor.id : null,
              authorName: actor.name,
            },
          ]
        : [],
    );
    if (noteRows.length) await tx.insert(customerNotes).values(noteRows);
    // optin_mail is the only trace of marketing consent in the old system: it becomes a grant with
    // source 'legacy-import' and NO proof (proofText/textVersion/documentId stay null), so the
    // compliance check reports "no proof" instead of the import inventing one.
    const consentRows = batch.flatMap((p, i) =>
      p.value.marketingEmailOptIn
        ? [
            {
              customerId: ids[i],
              purpose: 'marketing',
              channel: 'email',
              granted: true,
              source: 'legacy-import',
              actorKind: actor.kind,
              actorId: actor.id,
              actorName: actor.name,
            },
          ]
        : [],
    );
    if (consentRows.length) await tx.insert(consentEvents).values(consentRows);
    const visitRows = batch.flatMap((p, i) =>
      lastVisitIntervention(ids[i], p.value.lastVisitAt, actor.kind === 'user' ? actor.id : null),
    );
    if (visitRows.length) await tx.insert(interventions).values(visitRows);
    await tx
      .insert(legacyIdMap)
      .values(batch.map((p, i) => ({ legacyId: p.value.legacyId, customerId: ids[i], runId })));
    await recordActivity(
      tx,
      actor,
      batch.map((p, i) => ({
        customerId: ids[i],
        type: 'system' as const,
        title: "Importé depuis l'ancien système",
        description: `Ligne ${p.line} de ${fileLabel} (identifiant ${p.value.legacyId}).`,
        metadata: {
          legacyId: p.value.legacyId,
          runId,
          line: p.line,
          vehicles: p.value.vehicles.length,
          note: !!p.value.note,
          marketingEmailConsent: p.value.marketingEmailOptIn ? 'granted-without-proof' : null,
          lastVisitAt: p.value.lastVisitAt?.toISOString() ?? null,
        },
        relatedType: 'migration_run',
        relatedId: runId,
      })),
    );
  });
  return ids;
}

export async function importLegacy(db: Db, actor: Actor, opts: ImportOptions): Promise<ImportReport> {
  const buffer = opts.buffer ?? (opts.file ? await readFile(opts.file) : null);
  if (!buffer) throw new Error('Aucun fichier à importer.');
  const fileLabel = opts.fileName ?? (opts.file ? path.basename(opts.file) : 'import');
  const dryRun = !!opts.dryRun;
  const batchSize = Math.max(1, Math.min(opts.batchSize ?? 500, 1000));
  const checksum = createHash('sha256').update(buffer).digest('hex');
  const parsed = parseLegacyFile(buffer, fileLabel);

  const stats: ImportStats = {
    read: 0,
    imported: 0,
    updated: 0,
    skippedDuplicate: 0,
    skippedByReason: {},
    rejected: 0,
    rejectedByReason: {},
  };
  const rows: ImportRowReport[] = [];
  const skip = (line: number, legacyId: string, s: NonNullable<ImportRowReport['skip']>) => {
    rows.push({ line, legacyId, status: 'skipped', skip: s });
    stats.skippedDuplicate++;
    stats.skippedByReason[s.code] = (stats.skippedByReason[s.code] ?? 0) + 1;
  };

  // 1. Map and validate every record; exact duplicate lines and reused ids are settled here.
  const seenRaw = new Map<string, number>();
  const seenId = new Map<string, number>();
  const accepted: Pending[] = [];
  for (const record of parsed.records) {
    if (opts.resumeFrom && record.line < opts.resumeFrom) continue;
    stats.read++;
    const legacyId = (record.fields.id ?? '').trim();
    const firstLine = seenRaw.get(record.raw);
    if (firstLine !== undefined) {
      skip(record.line, legacyId, {
        code: 'duplicate-line',
        message: `Ligne identique à la ligne ${firstLine}.`,
        line: firstLine,
      });
      continue;
    }
    seenRaw.set(record.raw, record.line);
    const mapped = mapLegacyRecord(record.fields);
    const reasons = mapped.ok ? [] : [...mapped.reasons];
    if (legacyId && seenId.has(legacyId))
      reasons.push({
        code: 'duplicate-id',
        field: 'id',
        message: `Identifiant ${legacyId} déjà utilisé ligne ${seenId.get(legacyId)}.`,
      });
    else if (legacyId) seenId.set(legacyId, record.line);
    if (reasons.length || !mapped.ok) {
      rows.push({ line: record.line, legacyId, status: 'rejected', reasons });
      stats.rejected++;
      for (const code of new Set(reasons.map((r) => r.code)))
        stats.rejectedByReason[code] = (stats.rejectedByReason[code] ?? 0) + 1;
      continue;
    }
    accepted.push({ line: record.line, value: mapped.value, display: displayOf(mapped.value) });
  }

  // 2. Run bookkeeping and backup (never in a dry run: a dry run writes nothing at all).
  let runId: string | null = null;
  let backupPath: string | null = null;
  if (!dryRun) {
    // Import backups hold personal data: they expire like the archives (BACKUP_RETENTION_DAYS).
    await pruneImportBackups();
    runId = randomUUID();
    backupPath = (await createBackup(db, runId, fileLabel)).dir;
    await db.insert(migrationRuns).values({
      id: runId,
      file: fileLabel,
      checksum,
      dryRun: false,
      status: 'running',
      backupPath,
      actorName: actor.name,
      stats: {},
    });
  }

  // 3. Batches: skip what already exists, write the rest in one transaction per batch.
  const inFile = {
    email: new Map<string, number>(),
    siret: new Map<string, number>(),
    phone: new Map<string, number>(),
  };
  let failure: ImportReport['failure'] = null;
  for (let start = 0; start < accepted.length && !failure; start += batchSize) {
    const slice = accepted.slice(start, start + batchSize);
    const known = await db
      .select({ legacyId: legacyIdMap.legacyId, customerId: legacyIdMap.customerId, number: customers.number })
      .from(legacyIdMap)
      .innerJoin(customers, eq(customers.id, legacyIdMap.customerId))
      .where(
        inArray(
          legacyIdMap.legacyId,
          slice.map((p) => p.value.legacyId),
        ),
      );
    const knownById = new Map(known.map((k) => [k.legacyId, k]));
    const identities = slice.map((p) =>
      identityHashes({ legacyIds: [p.value.legacyId], email: p.value.customer.email, siret: p.value.customer.siret }),
    );
    const tombstones = await findTombstones(
      db,
      identities.flat().map((h) => h.hash),
    );
    const existing = await existingMatches(db, slice);
    const toWrite: Pending[] = [];
    for (const [index, p] of slice.entries()) {
      const c = p.value.customer;
      const k = knownById.get(p.value.legacyId);
      if (k) {
        skip(p.line, p.value.legacyId, {
          code: 'already-imported',
          message: `Déjà importé : ${k.number}.`,
          customerId: k.customerId,
          customerNumber: k.number,
        });
        continue;
      }
      // An erased person is never re-created by an import (README "Security": erasure tombstone).
      const erasedAt = identities[index]
        .map((h) => tombstones.get(h.hash))
        .filter((d): d is Date => !!d)
        .sort((a, b) => a.getTime() - b.getTime())[0];
      if (erasedAt) {
        skip(p.line, p.value.legacyId, {
          code: 'erased',
          message: `${erasedPersonMessage(erasedAt)} : non recréée.`,
        });
        continue;
      }
      const phones = [c.phone, c.mobile].filter((v): v is string => !!v);
      const email = lowerEmail(c.email);
      const match = existing.find(
        (e) =>
          (email && lowerEmail(e.email) === email) ||
          (c.siret && e.siret === c.siret) ||
          phones.some((ph) => ph === e.phone || ph === e.mobile),
      );
      if (match) {
        const by =
          email && lowerEmail(match.email) === email
            ? 'e-mail'
            : c.siret && match.siret === c.siret
              ? 'SIRET'
              : 'téléphone';
        skip(p.line, p.value.legacyId, {
          code: 'duplicate-customer',
          message: `Même ${by} que le client ${match.number}.`,
          customerId: match.id,
          customerNumber: match.number,
        });
        continue;
      }
      const earlier =
        (email && inFile.email.get(email)) ||
        (c.siret && inFile.siret.get(c.siret)) ||
        phones.map((ph) => inFile.phone.get(ph)).find(Boolean);
      if (earlier) {
        skip(p.line, p.value.legacyId, {
          code: 'duplicate-in-file',
          message: `Même client que la ligne ${earlier} (e-mail, SIRET ou téléphone).`,
          line: earlier,
        });
        continue;
      }
      if (email) inFile.email.set(email, p.line);
      if (c.siret) inFile.siret.set(c.siret, p.line);
      for (const ph of phones) inFile.phone.set(ph, p.line);
      toWrite.push(p);
    }
    if (!toWrite.length) continue;
    if (dryRun) {
      for (const p of toWrite)
        rows.push({ line: p.line, legacyId: p.value.legacyId, status: 'would-import', display: p.display });
      stats.imported += toWrite.length;
      continue;
    }
    try {
      const ids = await insertBatch(db, actor, runId!, fileLabel, toWrite);
      toWrite.forEach((p, i) =>
        rows.push({
          line: p.line,
          legacyId: p.value.legacyId,
          status: 'imported',
          customerId: ids[i],
          display: p.display,
        }),
      );
      stats.imported += toWrite.length;
    } catch (error) {
      // The batch's transaction rolled back: the database is as it was before this batch.
      const message = error instanceof Error ? error.message : String(error);
      failure = { line: toWrite[0].line, message, resumeFrom: slice[0].line };
    }
  }

  rows.sort((a, b) => a.line - b.line);
  const status: ImportReport['status'] = dryRun ? 'dry-run' : failure ? 'failed' : 'completed';
  if (runId) {
    await db
      .update(migrationRuns)
      .set({ status, stats: { ...stats, failure }, finishedAt: new Date() })
      .where(eq(migrationRuns.id, runId));
  }
  const report: ImportReport = {
    file: fileLabel,
    checksum,
    encoding: parsed.encoding,
    format: parsed.format,
    dryRun,
    runId,
    backupPath,
    status,
    resumedFrom: opts.resumeFrom ?? null,
    stats,
    rows,
    failure,
  };
  if (opts.reportPath) await writeFile(opts.reportPath, JSON.stringify(report, null, 2));
  return report;
}
