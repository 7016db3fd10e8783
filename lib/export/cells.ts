import { CUSTOMER_FIELD_LABELS } from '@/lib/customers/labels';
import { PARIS_TIME_ZONE } from '@/lib/paris-time';
import type { ExportBundle } from './bundle';

/**
 * What CSV and XLSX share: neutralizing spreadsheet formulas, French value formatting, and the
 * list of sections (one per entity) with typed columns.
 */
export type CellType = 'text' | 'date' | 'money' | 'int' | 'number' | 'bool';
export type CellValue = string | number | boolean | Date | null;

export interface Column<R> {
  header: string;
  type: CellType;
  get: (row: R) => CellValue;
}

export interface Section<R = unknown> {
  key: string;
  title: string;
  columns: Column<R>[];
  rows: R[];
}

// A cell starting with one of these is a formula to Excel/LibreOffice (CSV injection, OWASP):
// prefix it with a quote so it is shown as text and never evaluated.
const FORMULA_START = /^[=+\-@\t\r]/;

export function neutralizeFormula(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}

const dateFmt = new Intl.DateTimeFormat('fr-FR', { timeZone: PARIS_TIME_ZONE, dateStyle: 'short', timeStyle: 'short' });
const moneyFmt = new Intl.NumberFormat('fr-FR', {
  minimumFractionDigits: 2,
  maximumFractionDigits: 2,
  useGrouping: false,
});

export function toDate(v: string | Date | null | undefined): Date | null {
  if (!v) return null;
  const d = v instanceof Date ? v : new Date(v);
  return Number.isNaN(d.getTime()) ? null : d;
}

/** Cents → euros (number), for typed cells. */
export const euros = (cents: number | null | undefined): number | null =>
  cents === null || cents === undefined ? null : cents / 100;

/** A typed value as French text (CSV): dates "14/01/2016 09:30", amounts "1234,50", booleans Oui/Non. */
export function formatCell(value: CellValue, type: CellType): string {
  if (value === null || value === undefined || value === '') return '';
  if (type === 'date') {
    const d = toDate(value as string | Date);
    return d ? dateFmt.format(d) : '';
  }
  if (type === 'money' && typeof value === 'number') return moneyFmt.format(value);
  if (type === 'bool') return value ? 'Oui' : 'Non';
  if (typeof value === 'number') return String(value).replace('.', ',');
  return neutralizeFormula(String(value));
}

// The export keeps the short column name for the address complement.
const LABELS: Record<string, string> = { ...CUSTOMER_FIELD_LABELS, addressLine2: 'Complément' };

type B = ExportBundle;
type Row<K extends keyof B> = B[K] extends (infer R)[] ? R : never;
const col = <R>(header: string, type: CellType, get: (r: R) => CellValue): Column<R> => ({ header, type, get });

/** The customer as (field, value) rows, then one section per child entity. */
export function bundleSections(bundle: B): Section[] {
  const c = bundle.customer as Record<string, unknown>;
  const identity = Object.keys(LABELS)
    .filter((k) => k in c)
    .map((k) => ({ field: LABELS[k], key: k, value: c[k] as CellValue }));
  // Payments, credit notes and refunds name their invoice by its number.
  const numbers = new Map(bundle.invoices.map((i) => [i.id, i.number]));
  const invoiceNumber = (id: string) => numbers.get(id) ?? id;
  // Each section has its own row type; the list is heterogeneous by design.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const sections: Section<any>[] = [
    {
      key: 'customer',
      title: 'Client',
      rows: identity,
      columns: [
        col<(typeof identity)[number]>('Champ', 'text', (r) => r.field),
        // Dates stay typed in XLSX; everything else is text.
        { header: 'Valeur', type: 'text', get: (r) => (/At$/.test(r.key) ? toDate(r.value as string) : r.value) },
      ],
    },
    {
      key: 'contacts',
      title: 'Contacts',
      rows: bundle.contacts,
      columns: [
        col<Row<'contacts'>>('Nom', 'text', (r) => r.name),
        col<Row<'contacts'>>('Fonction', 'text', (r) => r.role),
        col<Row<'contacts'>>('E-mail', 'text', (r) => r.email),
        col<Row<'contacts'>>('Téléphone', 'text', (r) => r.phone),
        col<Row<'contacts'>>('Principal', 'bool', (r) => r.isPrimary),
        col<Row<'contacts'>>('Créé le', 'date', (r) => toDate(r.createdAt)),
      ],
    },
    {
      key: 'vehicles',
      title: 'Véhicules',
      rows: bundle.vehicles,
      columns: [
        col<Row<'vehicles'>>('Immatriculation', 'text', (r) => r.plate),
        col<Row<'vehicles'>>('VIN', 'text', (r) => r.vin),
        col<Row<'vehicles'>>('Marque', 'text', (r) => r.make),
        col<Row<'vehicles'>>('Modèle', 'text', (r) => r.model),
        col<Row<'vehicles'>>('Année', 'int', (r) => r.year),
        col<Row<'vehicles'>>('Kilométrage', 'int', (r) => r.mileage),
        col<Row<'vehicles'>>('Énergie', 'text', (r) => r.fuel),
      ],
    },
    {
      key: 'notes',
      title: 'Notes',
      rows: bundle.notes,
      columns: [
        col<Row<'notes'>>('Date', 'date', (r) => toDate(r.createdAt)),
        col<Row<'notes'>>('Auteur', 'text', (r) => r.authorName),
        col<Row<'notes'>>('Épinglée', 'bool', (r) => r.pinned),
        col<Row<'notes'>>('Texte', 'text', (r) => r.body),
      ],
    },
    {
      key: 'tags',
      title: 'Étiquettes',
      rows: bundle.tags,
      columns: [
        col<Row<'tags'>>('Étiquette', 'text', (r) => r.name),
        col<Row<'tags'>>('Ajoutée le', 'date', (r) => toDate(r.addedAt)),
      ],
    },
    {
      key: 'activities',
      title: 'Activités',
      rows: bundle.activities,
      columns: [
        col<Row<'activities'>>('Date', 'date', (r) => toDate(r.occurredAt)),
        col<Row<'activities'>>('Type', 'text', (r) => r.type),
        col<Row<'activities'>>('Titre', 'text', (r) => r.title),
        col<Row<'activities'>>('Description', 'text', (r) => r.description),
        col<Row<'activities'>>('Par', 'text', (r) => r.actor.name),
      ],
    },
    {
      key: 'interventions',
      title: 'Interventions',
      rows: bundle.interventions,
      columns: [
        col<Row<'interventions'>>('Prévue le', 'date', (r) => toDate(r.scheduledAt)),
        col<Row<'interventions'>>('Terminée le', 'date', (r) => toDate(r.completedAt)),
        col<Row<'interventions'>>('Type', 'text', (r) => r.kind),
        col<Row<'interventions'>>('Statut', 'text', (r) => r.status),
        col<Row<'interventions'>>('Description', 'text', (r) => r.description),
        col<Row<'interventions'>>('Travail effectué', 'text', (r) => r.workDone),
        col<Row<'interventions'>>('Montant HT (€)', 'money', (r) => euros(r.totalHtCents)),
        col<Row<'interventions'>>('Montant TTC (€)', 'money', (r) => euros(r.totalTtcCents)),
      ],
    },
    {
      key: 'invoices',
      title: 'Factures',
      rows: bundle.invoices,
      columns: [
        col<Row<'invoices'>>('Numéro', 'text', (r) => r.number),
        col<Row<'invoices'>>('Émise le', 'date', (r) => toDate(r.issuedAt)),
        col<Row<'invoices'>>('Échéance', 'date', (r) => toDate(r.dueAt)),
        col<Row<'invoices'>>('Total HT (€)', 'money', (r) => euros(r.totalHtCents)),
        col<Row<'invoices'>>('TVA (€)', 'money', (r) => euros(r.vatCents)),
        col<Row<'invoices'>>('Total TTC (€)', 'money', (r) => euros(r.totalTtcCents)),
        col<Row<'invoices'>>('Payé (€)', 'money', (r) => euros(r.paidCents)),
        col<Row<'invoices'>>('Avoirs (€)', 'money', (r) => euros(r.creditedCents)),
        col<Row<'invoices'>>('Remboursé (€)', 'money', (r) => euros(r.refundedCents)),
        col<Row<'invoices'>>('Reste dû (€)', 'money', (r) => euros(r.remainingCents)),
        col<Row<'invoices'>>('À rembourser (€)', 'money', (r) => euros(r.refundableCents)),
        col<Row<'invoices'>>('Statut', 'text', (r) => r.status),
        col<Row<'invoices'>>('Annulée le', 'date', (r) => toDate(r.cancelledAt)),
        col<Row<'invoices'>>('Motif d’annulation', 'text', (r) => r.cancelReason),
      ],
    },
    {
      key: 'payments',
      title: 'Paiements',
      rows: bundle.payments,
      columns: [
        col<Row<'payments'>>('Payé le', 'date', (r) => toDate(r.paidAt)),
        col<Row<'payments'>>('Montant (€)', 'money', (r) => euros(r.amountCents)),
        col<Row<'payments'>>('Moyen', 'text', (r) => r.method),
        col<Row<'payments'>>('Référence', 'text', (r) => r.reference),
        col<Row<'payments'>>('Facture', 'text', (r) => invoiceNumber(r.invoiceId)),
      ],
    },
    {
      key: 'creditNotes',
      title: 'Avoirs',
      rows: bundle.creditNotes,
      columns: [
        col<Row<'creditNotes'>>('Numéro', 'text', (r) => r.number),
        col<Row<'creditNotes'>>('Émis le', 'date', (r) => toDate(r.issuedAt)),
        col<Row<'creditNotes'>>('Facture', 'text', (r) => invoiceNumber(r.invoiceId)),
        col<Row<'creditNotes'>>('Total HT (€)', 'money', (r) => euros(r.totalHtCents)),
        col<Row<'creditNotes'>>('TVA (€)', 'money', (r) => euros(r.vatCents)),
        col<Row<'creditNotes'>>('Total TTC (€)', 'money', (r) => euros(r.totalTtcCents)),
        col<Row<'creditNotes'>>('Motif', 'text', (r) => r.reason),
      ],
    },
    {
      key: 'refunds',
      title: 'Remboursements',
      rows: bundle.refunds,
      columns: [
        col<Row<'refunds'>>('Remboursé le', 'date', (r) => toDate(r.refundedAt)),
        col<Row<'refunds'>>('Montant (€)', 'money', (r) => euros(r.amountCents)),
        col<Row<'refunds'>>('Moyen', 'text', (r) => r.method),
        col<Row<'refunds'>>('Référence', 'text', (r) => r.reference),
        col<Row<'refunds'>>('Facture', 'text', (r) => invoiceNumber(r.invoiceId)),
      ],
    },
    {
      key: 'consents',
      title: 'Consentements',
      rows: bundle.consents,
      columns: [
        col<Row<'consents'>>('Date', 'date', (r) => toDate(r.occurredAt)),
        col<Row<'consents'>>('Finalité', 'text', (r) => r.purpose),
        col<Row<'consents'>>('Canal', 'text', (r) => r.channel),
        col<Row<'consents'>>('Accordé', 'bool', (r) => r.granted),
        col<Row<'consents'>>('Source', 'text', (r) => r.source),
        col<Row<'consents'>>('Version du texte', 'text', (r) => r.textVersion),
        col<Row<'consents'>>('Preuve', 'text', (r) => r.proofText),
        col<Row<'consents'>>('Par', 'text', (r) => r.actor.name),
      ],
    },
    {
      key: 'emails',
      title: 'E-mails',
      rows: bundle.emails,
      columns: [
        col<Row<'emails'>>('Date', 'date', (r) => toDate(r.createdAt)),
        col<Row<'emails'>>('Destinataire', 'text', (r) => r.to),
        col<Row<'emails'>>('Objet', 'text', (r) => r.subject),
        col<Row<'emails'>>('Finalité', 'text', (r) => r.purpose),
        col<Row<'emails'>>('Statut', 'text', (r) => r.status),
      ],
    },
    {
      key: 'documents',
      title: 'Documents',
      rows: bundle.documents,
      columns: [
        col<Row<'documents'>>('Déposé le', 'date', (r) => toDate(r.uploadedAt)),
        col<Row<'documents'>>('Catégorie', 'text', (r) => r.category),
        col<Row<'documents'>>('Nom', 'text', (r) => r.originalName),
        col<Row<'documents'>>('Type', 'text', (r) => r.mimeType),
        col<Row<'documents'>>('Taille (octets)', 'int', (r) => r.sizeBytes),
        col<Row<'documents'>>('SHA-256', 'text', (r) => r.sha256),
        col<Row<'documents'>>('Déposé par', 'text', (r) => r.uploadedByName),
      ],
    },
  ];
  return sections as Section[];
}
