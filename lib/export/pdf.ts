import { PURPOSE_LABELS } from '@/lib/consents/config';
import { customerDisplayName, KIND_LABELS, STATUS_LABELS } from '@/lib/customers/schema';
import { formatPhone } from '@/lib/validation';
import type { ExportBundle } from './bundle';
import { toDate } from './cells';
import { type PdfOptions, pdfMoney as money, startPdf } from './pdf-document';

/**
 * A printable customer sheet (A4, French) a technician can hand over: identity and address,
 * contacts, vehicles, balance, last activities and the current consent per purpose × channel.
 * Standard PDF fonts (Helvetica, WinAnsi) cover French accents and €.
 */
const PARIS = 'Europe/Paris';
// One formatter for the whole document: building an Intl formatter per cell cost more than the cell.
const shortDate = new Intl.DateTimeFormat('fr-FR', { timeZone: PARIS, dateStyle: 'short' });
const dateFr = (v: string | null | undefined) => {
  const d = toDate(v);
  return d ? shortDate.format(d) : '—';
};

/** Indexed by string: an older bundle may carry a purpose this version no longer knows (shown as is). */
const PURPOSES: Record<string, string> = PURPOSE_LABELS;
const CHANNELS: Record<string, string> = { email: 'e-mail', sms: 'SMS', phone: 'téléphone', post: 'courrier' };

export function balanceOf(bundle: ExportBundle) {
  const live = bundle.invoices.filter((i) => i.status !== 'cancelled');
  const sum = (pick: (i: (typeof live)[number]) => number) => live.reduce((s, i) => s + pick(i), 0);
  const now = Date.now();
  const overdue = live
    .filter((i) => i.remainingCents > 0 && new Date(i.dueAt).getTime() < now)
    .reduce((s, i) => s + i.remainingCents, 0);
  return {
    invoiced: sum((i) => i.totalTtcCents),
    credited: sum((i) => i.creditedCents),
    paid: sum((i) => i.paidCents),
    refunded: sum((i) => i.refundedCents),
    // What each invoice still owes, net of what is owed back (credit notes not yet refunded).
    balance: sum((i) => i.remainingCents - i.refundableCents),
    overdue,
  };
}

/** Latest event per purpose × channel = the current state (consent_events is append-only). */
export function currentConsents(bundle: ExportBundle) {
  const latest = new Map<string, ExportBundle['consents'][number]>();
  for (const e of bundle.consents) {
    const key = `${e.purpose}|${e.channel}`;
    const prev = latest.get(key);
    if (!prev || prev.occurredAt <= e.occurredAt) latest.set(key, e);
  }
  return [...latest.values()].sort((a, b) => (a.purpose + a.channel).localeCompare(b.purpose + b.channel));
}

export async function renderCustomerPdf(bundle: ExportBundle, opts: PdfOptions = {}): Promise<Buffer> {
  const c = bundle.customer;
  const name = customerDisplayName(c);
  const {
    doc,
    heading,
    field: line,
    title,
    finish,
  } = startPdf(
    { title: `Fiche client ${c.number} — ${name}`, subject: 'Fiche client' },
    { ...opts, headingPageBreakY: 720 },
  );
  title(
    name,
    `Fiche client ${c.number} · ${KIND_LABELS[c.kind]} · ${STATUS_LABELS[c.status]}${c.archivedAt ? ' · archivé' : ''}`,
  );

  heading('Identité et coordonnées');
  if (c.kind === 'company') {
    line('Raison sociale', c.companyName);
    line('SIRET', c.siret);
    line('N° TVA', c.vatNumber);
    line('Contact', [c.firstName, c.lastName].filter(Boolean).join(' '));
  } else line('Nom', [c.firstName, c.lastName].filter(Boolean).join(' '));
  line('E-mail', c.email);
  line('Téléphone', formatPhone(c.phone));
  line('Mobile', formatPhone(c.mobile));
  line(
    'Adresse',
    [
      c.addressLine1,
      c.addressLine2,
      [c.postalCode, c.city].filter(Boolean).join(' '),
      c.country !== 'FR' ? c.country : null,
    ]
      .filter(Boolean)
      .join(', '),
  );
  line('Client depuis le', dateFr(c.createdAt));
  for (const ct of bundle.contacts)
    doc.text(
      `• ${ct.name}${ct.role ? ` (${ct.role})` : ''}${ct.isPrimary ? ' — principal' : ''} ${[ct.email, formatPhone(ct.phone)].filter(Boolean).join(' · ')}`,
    );

  heading(`Véhicules (${bundle.vehicles.length})`);
  if (!bundle.vehicles.length) doc.text('Aucun véhicule enregistré.');
  for (const v of bundle.vehicles)
    doc.text(
      `• ${v.plate ?? 'sans immatriculation'} — ${[v.make, v.model, v.year].filter(Boolean).join(' ') || 'modèle inconnu'}${v.mileage ? ` · ${v.mileage.toLocaleString('fr-FR').replace(/\u202f|\u00a0/g, ' ')} km` : ''}${v.vin ? ` · VIN ${v.vin}` : ''}`,
    );

  heading('Solde');
  const b = balanceOf(bundle);
  line('Facturé TTC', money(b.invoiced));
  if (b.credited) line('Avoirs', money(-b.credited));
  line('Payé', money(b.paid));
  if (b.refunded) line('Remboursé', money(b.refunded));
  line(b.balance < 0 ? 'À rembourser au client' : 'Reste dû', money(Math.abs(b.balance)));
  line('Dont en retard', money(b.overdue));

  heading('Dernières activités');
  const last = [...bundle.activities].sort((x, y) => y.occurredAt.localeCompare(x.occurredAt)).slice(0, 10);
  if (!last.length) doc.text('Aucune activité.');
  for (const a of last) doc.text(`• ${dateFr(a.occurredAt)} — ${a.title}${a.actor.name ? ` (${a.actor.name})` : ''}`);

  heading('Consentements');
  const consents = currentConsents(bundle);
  if (!consents.length) doc.text('Aucun consentement enregistré.');
  for (const e of consents)
    doc.text(
      `• ${PURPOSES[e.purpose] ?? e.purpose} par ${CHANNELS[e.channel] ?? e.channel} : ${e.granted ? 'accordé' : 'refusé / retiré'} le ${dateFr(e.occurredAt)}${e.proofText || e.documentId || e.textVersion ? '' : ' (sans preuve)'}`,
    );

  return finish(`Document généré le ${dateFr(bundle.generatedAt)} par ${bundle.generatedBy.name} — Customer 360.`);
}
