import 'server-only';
import { and, asc, eq, getTableColumns, isNull, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db, Tx } from '@/db';
import {
  consentEvents,
  creditNotes,
  customerActivity,
  customerContacts,
  customerDocuments,
  customerNotes,
  customers,
  customerTags,
  emailOutbox,
  interventions,
  invoices,
  payments,
  refunds,
  tags,
  vehicles,
} from '@/db/schema';
import { activityMetadataFor, activityVisibleTo, seesFinance } from '@/lib/activity/visibility';
import type { Actor } from '@/lib/auth/actor';
import { canSeeDocument } from '@/lib/auth/permissions';
import { recordActivity } from '@/lib/audit';
import { AppError } from '@/lib/errors';
import { EXPORT_LIMITS } from './slots';

/**
 * The GDPR portability / access bundle (`GET /api/customers/{id}/export?format=json`): every
 * piece of personal data held about one customer, as JSON. The schema is the contract: the
 * bundle is validated against it before it leaves the server.
 */
const iso = z.string().datetime({ offset: true });
const isoOrNull = iso.nullable();
const uuid = z.guid();
const str = z.string().nullable();
const actorSchema = z.object({ kind: z.enum(['user', 'token', 'system']), id: uuid.nullable(), name: z.string() });

const BUNDLE_SECTIONS = [
  'contacts',
  'vehicles',
  'notes',
  'tags',
  'activities',
  'interventions',
  'invoices',
  'payments',
  'creditNotes',
  'refunds',
  'consents',
  'emails',
  'documents',
] as const;
export type BundleSection = (typeof BUNDLE_SECTIONS)[number];

export const exportBundleSchema = z.object({
  format: z.literal('customer-360/gdpr-export'),
  version: z.literal(1),
  generatedAt: iso,
  generatedBy: z.object({ kind: z.enum(['user', 'token', 'system']), name: z.string() }),
  customer: z.object({
    id: uuid,
    number: z.string().regex(/^C-\d{6,}$/),
    kind: z.enum(['individual', 'company']),
    firstName: str,
    lastName: str,
    companyName: str,
    siret: str,
    vatNumber: str,
    email: str,
    phone: str,
    mobile: str,
    addressLine1: str,
    addressLine2: str,
    postalCode: str,
    city: str,
    country: z.string(),
    latitude: z.number().nullable(),
    longitude: z.number().nullable(),
    geocodePrecision: str,
    agency: str,
    status: z.enum(['active', 'inactive']),
    archivedAt: isoOrNull,
    erasedAt: isoOrNull,
    createdAt: iso,
    updatedAt: iso,
  }),
  contacts: z.array(
    z.object({
      id: uuid,
      name: z.string(),
      role: str,
      email: str,
      phone: str,
      isPrimary: z.boolean(),
      createdAt: iso,
      updatedAt: iso,
    }),
  ),
  vehicles: z.array(
    z.object({
      id: uuid,
      plate: str,
      vin: str,
      make: str,
      model: str,
      year: z.number().int().nullable(),
      mileage: z.number().int().nullable(),
      fuel: str,
      createdAt: iso,
      updatedAt: iso,
    }),
  ),
  notes: z.array(
    z.object({
      id: uuid,
      body: z.string(),
      pinned: z.boolean(),
      authorName: z.string(),
      createdAt: iso,
      updatedAt: iso,
    }),
  ),
  tags: z.array(z.object({ id: uuid, name: z.string(), color: z.string(), addedAt: iso })),
  activities: z.array(
    z.object({
      id: uuid,
      type: z.string(),
      title: z.string(),
      description: str,
      metadata: z.record(z.string(), z.unknown()),
      actor: actorSchema,
      relatedType: str,
      relatedId: str,
      occurredAt: iso,
      createdAt: iso,
    }),
  ),
  interventions: z.array(
    z.object({
      id: uuid,
      vehicleId: uuid.nullable(),
      kind: z.string(),
      status: z.string(),
      description: str,
      scheduledAt: iso,
      completedAt: isoOrNull,
      workDone: str,
      /** null when the exporting role has no finance.read. */
      totalHtCents: z.number().int().nullable(),
      totalTtcCents: z.number().int().nullable(),
    }),
  ),
  invoices: z.array(
    z.object({
      id: uuid,
      number: z.string(),
      interventionId: uuid.nullable(),
      issuedAt: iso,
      dueAt: iso,
      totalHtCents: z.number().int(),
      vatCents: z.number().int(),
      totalTtcCents: z.number().int(),
      paidCents: z.number().int(),
      creditedCents: z.number().int(),
      refundedCents: z.number().int(),
      /** What the customer still owes (0 once cancelled); `refundableCents` what is owed back to them. */
      remainingCents: z.number().int(),
      refundableCents: z.number().int(),
      status: z.string(),
      cancelledAt: isoOrNull,
      cancelReason: str,
    }),
  ),
  payments: z.array(
    z.object({
      id: uuid,
      invoiceId: uuid,
      amountCents: z.number().int(),
      method: z.string(),
      paidAt: iso,
      reference: str,
    }),
  ),
  creditNotes: z.array(
    z.object({
      id: uuid,
      invoiceId: uuid,
      number: z.string(),
      issuedAt: iso,
      totalHtCents: z.number().int(),
      vatCents: z.number().int(),
      totalTtcCents: z.number().int(),
      reason: z.string(),
    }),
  ),
  refunds: z.array(
    z.object({
      id: uuid,
      invoiceId: uuid,
      amountCents: z.number().int(),
      method: z.string(),
      refundedAt: iso,
      reference: str,
    }),
  ),
  consents: z.array(
    z.object({
      id: uuid,
      purpose: z.string(),
      channel: z.string(),
      granted: z.boolean(),
      source: z.string(),
      textVersion: str,
      proofText: str,
      documentId: uuid.nullable(),
      actor: actorSchema,
      ip: str,
      userAgent: str,
      occurredAt: iso,
    }),
  ),
  emails: z.array(
    z.object({
      id: uuid,
      to: z.string(),
      subject: z.string(),
      body: z.string(),
      purpose: z.string(),
      status: z.enum(['queued', 'sent', 'failed', 'blocked']),
      error: str,
      createdAt: iso,
      sentAt: isoOrNull,
    }),
  ),
  documents: z.array(
    z.object({
      id: uuid,
      category: z.string(),
      originalName: z.string(),
      mimeType: z.string(),
      sizeBytes: z.number().int().nonnegative(),
      sha256: z.string().regex(/^[0-9a-f]{64}$/),
      description: str,
      uploadedByName: z.string(),
      uploadedAt: iso,
    }),
  ),
  /** Documents the exporting role may not see (minimum role): counted, not listed. */
  documentsWithheld: z.number().int().nonnegative(),
  counts: z.object(
    Object.fromEntries(BUNDLE_SECTIONS.map((s) => [s, z.number().int().nonnegative()])) as Record<
      BundleSection,
      z.ZodNumber
    >,
  ),
});
export type ExportBundle = z.infer<typeof exportBundleSchema>;

const toIso = (d: Date) => d.toISOString();
const toIsoOrNull = (d: Date | null) => (d ? d.toISOString() : null);

/**
 * Everything about one customer the exporting role may see. 404 when the customer does not exist.
 * Without finance.read (lib/activity/visibility.ts): no invoices, payments, credit notes or refunds, no
 * activities about them, no money keys in activity metadata, no intervention totals.
 */
export async function buildExportBundle(db: Db, actor: Actor, customerId: string): Promise<ExportBundle> {
  // One read-only snapshot whose statements cannot run longer than EXPORT_LIMITS.statementTimeout.
  return db.transaction(async (tx) => {
    await tx.execute(sql.raw(`set local statement_timeout = '${EXPORT_LIMITS.statementTimeout}'`));
    return readBundle(tx, actor, customerId);
  });
}

async function readBundle(db: Tx, actor: Actor, customerId: string): Promise<ExportBundle> {
  const [customer] = await db.select().from(customers).where(eq(customers.id, customerId)).limit(1);
  if (!customer) throw AppError.notFound('Client introuvable.');
  const finance = seesFinance(actor);

  const [
    contactRows,
    vehicleRows,
    noteRows,
    tagRows,
    activityRows,
    interventionRows,
    invoiceRows,
    paymentRows,
    creditNoteRows,
    refundRows,
    consentRows,
    emailRows,
    documentRows,
  ] = await Promise.all([
    db
      .select()
      .from(customerContacts)
      .where(eq(customerContacts.customerId, customerId))
      .orderBy(asc(customerContacts.createdAt), asc(customerContacts.id)),
    db
      .select()
      .from(vehicles)
      .where(eq(vehicles.customerId, customerId))
      .orderBy(asc(vehicles.createdAt), asc(vehicles.id)),
    db
      .select()
      .from(customerNotes)
      .where(eq(customerNotes.customerId, customerId))
      .orderBy(asc(customerNotes.createdAt), asc(customerNotes.id)),
    db
      .select({ id: tags.id, name: tags.name, color: tags.color, addedAt: customerTags.createdAt })
      .from(customerTags)
      .innerJoin(tags, eq(tags.id, customerTags.tagId))
      .where(eq(customerTags.customerId, customerId))
      .orderBy(asc(tags.name)),
    db
      .select({ ...getTableColumns(customerActivity), metadata: activityMetadataFor(actor) })
      .from(customerActivity)
      .where(and(eq(customerActivity.customerId, customerId), activityVisibleTo(actor)))
      .orderBy(asc(customerActivity.occurredAt), asc(customerActivity.id)),
    db
      .select()
      .from(interventions)
      .where(eq(interventions.customerId, customerId))
      .orderBy(asc(interventions.scheduledAt), asc(interventions.id)),
    finance
      ? db
          .select()
          .from(invoices)
          .where(eq(invoices.customerId, customerId))
          .orderBy(asc(invoices.issuedAt), asc(invoices.id))
      : [],
    finance
      ? db
          .select()
          .from(payments)
          .where(eq(payments.customerId, customerId))
          .orderBy(asc(payments.paidAt), asc(payments.id))
      : [],
    finance
      ? db
          .select()
          .from(creditNotes)
          .where(eq(creditNotes.customerId, customerId))
          .orderBy(asc(creditNotes.issuedAt), asc(creditNotes.id))
      : [],
    finance
      ? db
          .select()
          .from(refunds)
          .where(eq(refunds.customerId, customerId))
          .orderBy(asc(refunds.refundedAt), asc(refunds.id))
      : [],
    db
      .select()
      .from(consentEvents)
      .where(eq(consentEvents.customerId, customerId))
      .orderBy(asc(consentEvents.occurredAt), asc(consentEvents.id)),
    db
      .select()
      .from(emailOutbox)
      .where(eq(emailOutbox.customerId, customerId))
      .orderBy(asc(emailOutbox.createdAt), asc(emailOutbox.id)),
    db
      .select()
      .from(customerDocuments)
      .where(and(eq(customerDocuments.customerId, customerId), isNull(customerDocuments.deletedAt)))
      .orderBy(asc(customerDocuments.uploadedAt), asc(customerDocuments.id)),
  ]);
  const visibleDocuments = documentRows.filter((d) => canSeeDocument(actor.role, d));

  const sections = {
    contacts: contactRows.map((c) => ({
      id: c.id,
      name: c.name,
      role: c.role,
      email: c.email,
      phone: c.phone,
      isPrimary: c.isPrimary,
      createdAt: toIso(c.createdAt),
      updatedAt: toIso(c.updatedAt),
    })),
    vehicles: vehicleRows.map((v) => ({
      id: v.id,
      plate: v.plate,
      vin: v.vin,
      make: v.make,
      model: v.model,
      year: v.year,
      mileage: v.mileage,
      fuel: v.fuel,
      createdAt: toIso(v.createdAt),
      updatedAt: toIso(v.updatedAt),
    })),
    notes: noteRows.map((n) => ({
      id: n.id,
      body: n.body,
      pinned: n.pinned,
      authorName: n.authorName,
      createdAt: toIso(n.createdAt),
      updatedAt: toIso(n.updatedAt),
    })),
    tags: tagRows.map((t) => ({ ...t, addedAt: toIso(t.addedAt) })),
    activities: activityRows.map((a) => ({
      id: a.id,
      type: a.type,
      title: a.title,
      description: a.description,
      metadata: a.metadata ?? {},
      actor: { kind: a.actorKind, id: a.actorId, name: a.actorName },
      relatedType: a.relatedType,
      relatedId: a.relatedId,
      occurredAt: toIso(a.occurredAt),
      createdAt: toIso(a.createdAt),
    })),
    interventions: interventionRows.map((i) => ({
      id: i.id,
      vehicleId: i.vehicleId,
      kind: i.kind,
      status: i.status,
      description: i.description,
      scheduledAt: toIso(i.scheduledAt),
      completedAt: toIsoOrNull(i.completedAt),
      workDone: i.workDone,
      totalHtCents: finance ? i.totalHtCents : null,
      totalTtcCents: finance ? i.totalTtcCents : null,
    })),
    invoices: invoiceRows.map((i) => ({
      id: i.id,
      number: i.number,
      interventionId: i.interventionId,
      issuedAt: toIso(i.issuedAt),
      dueAt: toIso(i.dueAt),
      totalHtCents: i.totalHtCents,
      vatCents: i.vatCents,
      totalTtcCents: i.totalTtcCents,
      paidCents: i.paidCents,
      creditedCents: i.creditedCents,
      refundedCents: i.refundedCents,
      remainingCents: Math.max(0, i.balanceCents),
      refundableCents: Math.max(0, -i.balanceCents),
      status: i.status,
      cancelledAt: toIsoOrNull(i.cancelledAt),
      cancelReason: i.cancelReason,
    })),
    payments: paymentRows.map((p) => ({
      id: p.id,
      invoiceId: p.invoiceId,
      amountCents: p.amountCents,
      method: p.method,
      paidAt: toIso(p.paidAt),
      reference: p.reference,
    })),
    creditNotes: creditNoteRows.map((n) => ({
      id: n.id,
      invoiceId: n.invoiceId,
      number: n.number,
      issuedAt: toIso(n.issuedAt),
      totalHtCents: n.totalHtCents,
      vatCents: n.vatCents,
      totalTtcCents: n.totalTtcCents,
      reason: n.reason,
    })),
    refunds: refundRows.map((r) => ({
      id: r.id,
      invoiceId: r.invoiceId,
      amountCents: r.amountCents,
      method: r.method,
      refundedAt: toIso(r.refundedAt),
      reference: r.reference,
    })),
    consents: consentRows.map((e) => ({
      id: e.id,
      purpose: e.purpose,
      channel: e.channel,
      granted: e.granted,
      source: e.source,
      textVersion: e.textVersion,
      proofText: e.proofText,
      documentId: e.documentId,
      actor: { kind: e.actorKind, id: e.actorId, name: e.actorName },
      ip: e.ip,
      userAgent: e.userAgent,
      occurredAt: toIso(e.occurredAt),
    })),
    emails: emailRows.map((m) => ({
      id: m.id,
      to: m.to,
      subject: m.subject,
      body: m.body,
      purpose: m.purpose,
      status: m.status,
      error: m.error,
      createdAt: toIso(m.createdAt),
      sentAt: toIsoOrNull(m.sentAt),
    })),
    documents: visibleDocuments.map((d) => ({
      id: d.id,
      category: d.category,
      originalName: d.originalName,
      mimeType: d.mimeType,
      sizeBytes: d.sizeBytes,
      sha256: d.sha256,
      description: d.description,
      uploadedByName: d.uploadedByName,
      uploadedAt: toIso(d.uploadedAt),
    })),
  };

  const counts = Object.fromEntries(BUNDLE_SECTIONS.map((s) => [s, sections[s].length])) as Record<
    BundleSection,
    number
  >;
  return exportBundleSchema.parse({
    format: 'customer-360/gdpr-export',
    version: 1,
    generatedAt: new Date().toISOString(),
    generatedBy: { kind: actor.kind, name: actor.name },
    customer: {
      id: customer.id,
      number: customer.number,
      kind: customer.kind,
      firstName: customer.firstName,
      lastName: customer.lastName,
      companyName: customer.companyName,
      siret: customer.siret,
      vatNumber: customer.vatNumber,
      email: customer.email,
      phone: customer.phone,
      mobile: customer.mobile,
      addressLine1: customer.addressLine1,
      addressLine2: customer.addressLine2,
      postalCode: customer.postalCode,
      city: customer.city,
      country: customer.country,
      latitude: customer.latitude,
      longitude: customer.longitude,
      geocodePrecision: customer.geocodePrecision,
      agency: customer.agency,
      status: customer.status,
      archivedAt: toIsoOrNull(customer.archivedAt),
      erasedAt: toIsoOrNull(customer.erasedAt),
      createdAt: toIso(customer.createdAt),
      updatedAt: toIso(customer.updatedAt),
    },
    ...sections,
    documentsWithheld: documentRows.length - visibleDocuments.length,
    counts,
  });
}

/**
 * Every export (any format) leaves a trace on the customer's timeline: who, which format and
 * how many rows of each kind left the system.
 */
export async function recordExportActivity(
  db: Db,
  actor: Actor,
  customerId: string,
  format: string,
  counts: Record<string, number>,
): Promise<void> {
  await recordActivity(db, actor, {
    customerId,
    type: 'export',
    title: `Export ${format.toUpperCase()} des données du client`,
    description: `Exporté par ${actor.name}.`,
    metadata: { format, counts },
  });
}

/** `client-C-000123.json` */
export function exportFileName(number: string, extension: string): string {
  return `client-${number.replace(/[^A-Za-z0-9-]/g, '')}.${extension}`;
}
