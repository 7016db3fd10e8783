import { type PdfOptions, pdfMoney as money, startPdf } from '@/lib/export/pdf-document';
import { kindLabel, VAT_RATE_LABELS } from './labels';
import { lineAmounts, type PricedLine, type Totals } from './totals';

/**
 * The intervention report handed to the customer (A4, French): who, where, which vehicle, when,
 * the work done, parts and labour with their amounts, and the customer's signature when one was
 * taken. Standard PDF fonts (Helvetica, WinAnsi) cover French accents and €.
 */
export interface InterventionReportData {
  customer: { number: string; name: string; phone: string | null };
  intervention: {
    id: string;
    kind: string;
    scheduledAt: Date;
    startedAt: Date | null;
    completedAt: Date | null;
    addressLine1: string | null;
    postalCode: string | null;
    city: string | null;
    description: string | null;
    workDone: string | null;
    odometerKm: number | null;
    noCharge: boolean;
  };
  vehicle: { label: string; vin: string | null } | null;
  technician: string | null;
  lines: (PricedLine & { label: string })[];
  totals: Totals;
  /** PNG bytes of the signature drawn on the phone, if any. */
  signaturePng?: Buffer | null;
}

const PARIS = 'Europe/Paris';
const shortDateTime = new Intl.DateTimeFormat('fr-FR', { timeZone: PARIS, dateStyle: 'short', timeStyle: 'short' });
const dateTime = (d: Date | null) => (d ? shortDateTime.format(d) : '—');
const plain = (s: string) => s.replace(/\u202f|\u00a0/g, ' ');
const decimal = (v: number | string) => plain(Number(v).toLocaleString('fr-FR', { maximumFractionDigits: 2 }));

export async function renderInterventionReport(data: InterventionReportData, opts: PdfOptions = {}): Promise<Buffer> {
  const iv = data.intervention;
  const { doc, heading, field, title, finish } = startPdf(
    { title: `Rapport d'intervention — ${data.customer.name}`, subject: "Rapport d'intervention" },
    { ...opts, headingPageBreakY: 700 },
  );
  title(`Rapport d'intervention — ${kindLabel(iv.kind)}`, `Client ${data.customer.number} · ${data.customer.name}`);

  heading('Intervention');
  field('Lieu', [iv.addressLine1, [iv.postalCode, iv.city].filter(Boolean).join(' ')].filter(Boolean).join(', '));
  field('Prévue le', dateTime(iv.scheduledAt));
  field('Début', dateTime(iv.startedAt));
  field('Fin', dateTime(iv.completedAt));
  field('Technicien', data.technician);
  if (data.vehicle) {
    field('Véhicule', data.vehicle.label);
    if (data.vehicle.vin) field('VIN', data.vehicle.vin);
  }
  if (iv.odometerKm != null) field('Kilométrage relevé', `${decimal(iv.odometerKm)} km`);
  if (iv.description) field('Demande', iv.description);

  heading('Travail effectué');
  doc.text(iv.workDone || '—');

  heading('Pièces et main-d’œuvre');
  if (!data.lines.length) doc.text('Aucune ligne.');
  for (const line of data.lines) {
    const { htCents } = lineAmounts(line);
    doc.text(
      `• ${line.label} — ${decimal(line.quantity)} × ${money(line.unitPriceHtCents)} HT = ${money(htCents)} HT (TVA ${VAT_RATE_LABELS[line.vatRateBp] ?? `${line.vatRateBp / 100} %`})`,
    );
  }
  doc.moveDown(0.5);
  if (iv.noCharge) field('Montant', 'Sans frais');
  else {
    field('Total HT', money(data.totals.totalHtCents));
    field('TVA', money(data.totals.vatCents));
    field('Total TTC', money(data.totals.totalTtcCents));
  }

  heading('Signature du client');
  if (data.signaturePng) {
    try {
      doc.image(data.signaturePng, { fit: [220, 90] });
    } catch {
      doc.text('Signature enregistrée séparément (image illisible).');
    }
  } else doc.text('Non signée.');

  return finish(`Rapport généré le ${dateTime(iv.completedAt ?? new Date())} — Customer 360 — réf. ${iv.id}.`);
}
