/**
 * What a timeline card says under its title, per activity type: French labels and the facts a
 * person reads (amount in euros, payment method in words, invoice number as a link, plate, consent
 * purpose and channel…), never an id, a cents value, a camelCase key or a stored code. Pure and
 * client-safe: the Activity tab renders entries fetched as JSON in the browser, the 360 summary
 * renders them on the server. Keys are the ones the mutations write (lib/<domain>/mutations.ts)
 * and the demo seed writes (db/seed/demo*.ts).
 */
import { formatBytes, formatDate, formatDateTime, formatNumber, frenchText } from '@/components/ui/format';
import { ACTIVITY_TYPE_LABELS } from '@/lib/activity/labels';
import { ROLE_LABELS } from '@/lib/auth/permissions';
import type { ActivityDto } from '@/lib/activity/schema';
import { channelLabel, purposeLabel, sourceLabel } from '@/lib/consents/config';
import { KIND_LABELS, STATUS_LABELS } from '@/lib/customers/labels';
import { DOCUMENT_CATEGORY_LABELS } from '@/lib/documents/labels';
import { EMAIL_STATUS_LABELS } from '@/lib/email/labels';
import { FUEL_LABELS } from '@/lib/vehicles/labels';
import { kindLabel as interventionKindLabel, statusLabel as interventionStatusLabel } from '@/lib/interventions/labels';
import {
  type DetailLine,
  label,
  manual,
  type Meta,
  num,
  plural,
  push,
  showValue,
  str,
  UUID,
  yesNo,
} from './detail-values';
import { FIELD_LABELS, INTERVENTION_FIELD_LABELS } from './field-labels';
import { creditNote, invoice, invoiceHref, payment, refund } from './finance-details';

export type { DetailLine } from './detail-values';
type Entry = Pick<ActivityDto, 'type' | 'metadata' | 'relatedType' | 'relatedId'>;
const MAX_LINES = 6;

/** A field's value in words for a given field ("kind" of a customer → Particulier). */
function fieldValue(field: string, v: unknown): string {
  if (field === 'kind') return label(KIND_LABELS, v) ?? '—';
  if (field === 'status') return label(STATUS_LABELS, v) ?? '—';
  if (field === 'fuel') return label(FUEL_LABELS, v) ?? '—';
  if (field === 'mileage' || field === 'odometerKm') return num(v) == null ? '—' : `${formatNumber(num(v), 0)} km`;
  return showValue(v) ?? '—';
}

function interventionKindLabelOrNull(v: unknown): string | null {
  const s = str(v);
  return s ? interventionKindLabel(s) : null;
}

/** "Ville : Lyon → Paris" lines for a `changes` diff (profile, contact, vehicle). */
function diffLines(changes: unknown, labels: Record<string, string>): DetailLine[] {
  if (!changes || typeof changes !== 'object') return [];
  const lines: DetailLine[] = [];
  for (const [field, diff] of Object.entries(changes as Record<string, { from?: unknown; to?: unknown }>)) {
    const name = labels[field];
    if (!name) continue;
    lines.push({ label: name, value: `${fieldValue(field, diff?.from)} → ${fieldValue(field, diff?.to)}` });
  }
  return lines;
}
const documentHref = (customerId: string, documentId: unknown) =>
  typeof documentId === 'string' && UUID.test(documentId)
    ? `/api/customers/${customerId}/documents/${documentId}`
    : undefined;

function consent(m: Meta, _a: Entry, customerId: string): DetailLine[] {
  const lines: DetailLine[] = [];
  push(lines, 'Finalité', str(m.purpose) ? purposeLabel(m.purpose as string) : null);
  push(lines, 'Canal', str(m.channel) ? channelLabel(m.channel as string) : null);
  if (typeof m.granted === 'boolean') push(lines, 'Décision', m.granted ? 'accordé' : 'retiré');
  push(lines, 'Source', str(m.source) ? sourceLabel(m.source as string) : null);
  push(
    lines,
    'Version du texte accepté',
    str(m.textVersion) ? frenchText(m.textVersion as string, { decimals: false }) : null,
  );
  push(
    lines,
    'Preuve',
    documentHref(customerId, m.documentId) ? 'document signé' : null,
    documentHref(customerId, m.documentId),
  );
  return lines;
}

function intervention(m: Meta, _a: Entry, customerId: string): DetailLine[] {
  const lines: DetailLine[] = [];
  push(lines, 'Type d’intervention', interventionKindLabelOrNull(m.kind));
  push(lines, 'Véhicule', str(m.plate));
  push(lines, 'Prévue le', str(m.scheduledAt) ? formatDateTime(m.scheduledAt as string) : null);
  const tech = m.technician as { name?: unknown } | undefined;
  if (tech && typeof tech === 'object') push(lines, 'Technicien', str(tech.name) ?? 'à affecter');
  push(lines, 'Kilométrage relevé', num(m.odometerKm) == null ? null : `${formatNumber(num(m.odometerKm), 0)} km`);
  if (m.mileageDecreased === true) push(lines, 'Compteur', 'corrigé à la baisse par un responsable');
  push(lines, 'Lignes', num(m.lineCount) == null ? null : plural(num(m.lineCount)!, 'ligne'));
  push(lines, 'Facture', str(m.invoiceNumber), str(m.invoiceNumber) ? invoiceHref(customerId, m.invoiceId) : undefined);
  push(
    lines,
    'Rapport',
    documentHref(customerId, m.reportDocumentId) ? 'PDF signé' : null,
    documentHref(customerId, m.reportDocumentId),
  );
  if (Array.isArray(m.fields)) {
    const names = m.fields.map((f) => INTERVENTION_FIELD_LABELS[String(f)]).filter(Boolean);
    push(lines, 'Modifié', names.join(', ').toLowerCase() || null);
  }
  // The current status is the title's verb ("Intervention terminée"); a cancellation says what it stopped.
  push(
    lines,
    'Statut avant l’annulation',
    str(m.from) ? interventionStatusLabel(m.from as string).toLowerCase() : null,
  );
  return lines;
}

const dayOrNone = (v: unknown) => (str(v) ? formatDate(v as string) : 'aucune');
const interventionHref = (customerId: string, id: unknown) =>
  typeof id === 'string' && UUID.test(id) ? `/customers/${customerId}/interventions/${id}` : undefined;

/** Follow-up tasks (lib/tasks/mutations.ts): due day, assignee, what it is linked to, what an edit changed. */
function task(m: Meta, _a: Entry, customerId: string): DetailLine[] {
  const lines: DetailLine[] = [];
  const changes = (m.changes ?? {}) as Record<string, { from?: unknown; to?: unknown } | undefined>;
  if (changes.title) push(lines, 'Titre précédent', str(changes.title.from));
  if (changes.dueDate) push(lines, 'Échéance', `${dayOrNone(changes.dueDate.from)} → ${dayOrNone(changes.dueDate.to)}`);
  if (changes.assignee)
    push(
      lines,
      'Assignée à',
      `${str(changes.assignee.from) ?? 'personne'} → ${str(changes.assignee.to) ?? 'personne'}`,
    );
  if (!m.changes) push(lines, 'Échéance', str(m.dueDate) ? formatDate(m.dueDate as string) : null);
  push(lines, 'Assignée à', str(m.assignee));
  push(
    lines,
    'Intervention',
    interventionHref(customerId, m.interventionId) ? 'voir l’intervention' : null,
    interventionHref(customerId, m.interventionId),
  );
  push(lines, 'Facture', str(m.invoiceNumber), str(m.invoiceNumber) ? invoiceHref(customerId, m.invoiceId) : undefined);
  return lines;
}

function profile(m: Meta): DetailLine[] {
  const lines = diffLines(m.changes, FIELD_LABELS);
  push(lines, 'N° client', str(m.number));
  push(lines, 'Type de client', label(KIND_LABELS, m.kind));
  push(lines, 'Immatriculation', str(m.plate));
  push(lines, 'Étiquette', str(m.name));
  // Written by « Actions groupées » (lib/customers/bulk.ts): how many customers that one action changed.
  push(lines, 'Action groupée', num(m.bulkCount) == null ? null : plural(num(m.bulkCount)!, 'client'));
  const precision = { housenumber: 'au numéro', street: 'à la rue', commune: 'à la commune' } as Record<string, string>;
  push(lines, 'Précision', label(precision, m.precision));
  return lines;
}

function status(m: Meta): DetailLine[] {
  const lines: DetailLine[] = [];
  const from = label(STATUS_LABELS, m.from);
  const to = label(STATUS_LABELS, m.to);
  if (from && to) push(lines, 'Statut', `${from} → ${to}`);
  return lines;
}

function note(m: Meta): DetailLine[] {
  const lines: DetailLine[] = [];
  push(
    lines,
    'Texte précédent',
    str(m.previousBody) ? frenchText(m.previousBody as string, { decimals: false }) : null,
  );
  if (typeof m.pinned === 'boolean' && !m.previousBody) push(lines, 'Épinglée', yesNo(m.pinned));
  push(lines, 'Auteur', str(m.author));
  return lines;
}

/** « Document modifié » (lib/documents/update.ts): name, category and minimum role, before → after. */
function documentChanges(changes: Record<string, { from?: unknown; to?: unknown }>): DetailLine[] {
  const lines: DetailLine[] = [];
  const words: Record<string, [string, (v: unknown) => string | null]> = {
    originalName: ['Nom', str],
    category: ['Catégorie', (v) => label(DOCUMENT_CATEGORY_LABELS, v)],
    minRole: ['Visible à partir de', (v) => label(ROLE_LABELS, v)],
  };
  for (const [field, [name, say]] of Object.entries(words)) {
    const diff = changes[field];
    if (diff) push(lines, name, `${say(diff.from) ?? '—'} → ${say(diff.to) ?? '—'}`);
  }
  return lines;
}

function documentLines(m: Meta): DetailLine[] {
  if (m.changes && typeof m.changes === 'object') return documentChanges(m.changes as Record<string, never>);
  const lines: DetailLine[] = [];
  push(lines, 'Catégorie', str(m.categoryLabel) ?? label(DOCUMENT_CATEGORY_LABELS, m.category));
  push(lines, 'Fichier', str(m.originalName));
  push(lines, 'Taille', num(m.sizeBytes) == null ? null : formatBytes(num(m.sizeBytes)));
  return lines;
}
function email(m: Meta): DetailLine[] {
  const lines: DetailLine[] = [];
  push(lines, 'Objet', str(m.subject));
  push(lines, 'Destinataire', str(m.to));
  push(lines, 'Finalité', str(m.purpose) ? purposeLabel(m.purpose as string) : null);
  push(lines, 'État', label(EMAIL_STATUS_LABELS, m.status)?.toLowerCase());
  push(lines, 'Erreur', str(m.error));
  return lines.concat(manual(m));
}

function exportLines(m: Meta): DetailLine[] {
  const lines: DetailLine[] = [];
  push(lines, 'Format', str(m.format)?.toUpperCase());
  return lines;
}

function merge(m: Meta): DetailLine[] {
  const lines: DetailLine[] = [];
  push(lines, 'Fiche conservée', str(m.survivorNumber));
  push(lines, 'Fiche fusionnée', str(m.mergedNumber));
  if (Array.isArray(m.fieldsTakenFromMerged)) {
    const names = m.fieldsTakenFromMerged.map((f) => FIELD_LABELS[String(f)]).filter(Boolean);
    push(lines, 'Valeurs reprises', names.join(', ').toLowerCase() || null);
  }
  push(lines, 'Étiquettes ajoutées', num(m.tagsAdded) ? formatNumber(num(m.tagsAdded), 0) : null);
  return lines;
}

/** « Activité corrigée / supprimée » (lib/activity/corrections.ts): the entry as it was, in words. */
function entryTrace(m: Meta): DetailLine[] {
  const lines: DetailLine[] = [];
  const entry = (m.correctedEntry ?? m.deletedEntry) as Meta | undefined;
  if (!entry || typeof entry !== 'object') return lines;
  const was = m.correctedEntry ? ' avant correction' : ' supprimé';
  push(lines, `Type${was}`, label(ACTIVITY_TYPE_LABELS, entry.type)?.toLowerCase());
  push(lines, `Titre${was}`, str(entry.title) ? frenchText(entry.title as string, { decimals: false }) : null);
  push(
    lines,
    `Texte${was}`,
    str(entry.description) ? frenchText(entry.description as string, { decimals: false }) : null,
  );
  push(lines, `Date${was}`, str(entry.occurredAt) ? formatDateTime(entry.occurredAt as string) : null);
  push(lines, 'Auteur', str(m.author));
  return lines;
}

function system(m: Meta): DetailLine[] {
  const lines: DetailLine[] = entryTrace(m);
  // Duplication (lib/customers/duplicate.ts)
  push(lines, 'Copie de', str(m.sourceNumber));
  push(lines, 'Nouvelle fiche', str(m.copyNumber));
  if (num(m.contacts) != null && (m.sourceNumber || m.copyNumber))
    push(lines, 'Copié', `${plural(num(m.contacts)!, 'contact')}, ${plural(num(m.tags) ?? 0, 'étiquette')}`);
  if (typeof m.keepPhones === 'boolean') push(lines, 'Téléphones copiés', yesNo(m.keepPhones));
  // Erasure (lib/customers/erasure.ts)
  push(lines, 'Effacé le', str(m.erasedAt) ? formatDateTime(m.erasedAt as string) : null);
  push(lines, 'Documents supprimés', num(m.documentsDeleted) == null ? null : formatNumber(num(m.documentsDeleted), 0));
  // Legacy import (lib/legacy-import/run.ts)
  push(lines, 'Identifiant dans l’ancien logiciel', str(m.legacyId));
  push(lines, 'Ligne du fichier', num(m.line) == null ? null : formatNumber(num(m.line), 0));
  if (num(m.vehicles) != null) push(lines, 'Véhicules importés', formatNumber(num(m.vehicles), 0));
  if (m.marketingEmailConsent === 'granted-without-proof')
    push(lines, 'Prospection par e-mail', 'accordée dans l’ancien logiciel, sans preuve');
  return lines;
}
const RENDERERS: Record<string, (m: Meta, a: Entry, customerId: string) => DetailLine[]> = {
  invoice,
  payment,
  'credit-note': creditNote,
  refund,
  consent,
  intervention,
  profile,
  status,
  note: (m) => note(m).concat(manual(omit(m, ['previousBody', 'pinned', 'author']))),
  document: documentLines,
  email,
  export: exportLines,
  merge,
  task,
  system,
  call: manual,
  visit: manual,
  other: manual,
};

function omit(m: Meta, keys: string[]): Meta {
  return Object.fromEntries(Object.entries(m).filter(([k]) => !keys.includes(k)));
}

/** The detail lines of one timeline entry (at most six, most useful first). */
export function activityDetails(a: Entry, customerId: string): DetailLine[] {
  const render = RENDERERS[a.type] ?? manual;
  return render(a.metadata ?? {}, a, customerId).slice(0, MAX_LINES);
}

/**
 * The description to show: French typography, and none when it only lists the changed fields by
 * their code names ("Champs modifiés : city, mobile", written by older profile updates): the
 * detail lines say the same in words.
 */
export function activityDescription(a: Pick<ActivityDto, 'description' | 'metadata'>): string | null {
  if (!a.description) return null;
  if (a.metadata?.changes && /^Champs modifiés/.test(a.description)) return null;
  return frenchText(a.description, { decimals: false });
}

/** One line for compact lists (the 360 summary): "Montant : 61,67 € · Moyen de paiement : Espèces". */
export function activitySummary(a: Entry, customerId: string, max = 2): string {
  return activityDetails(a, customerId)
    .slice(0, max)
    .map((l) => `${l.label}\u202f: ${l.value}`)
    .join(' · ');
}
