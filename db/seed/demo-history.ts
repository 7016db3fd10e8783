import type { consentEvents, interventionLines, interventions, invoices, payments } from '@/db/schema';
import type { InterventionKind } from '@/db/schema/enums';
import type { PaymentMethod } from '@/db/schema/finances';
import { activity, type ActivityRow, atWorkingHour, DAY, type CustomerDraft, type DemoStaff } from './demo-customers';
import type { Rng } from './random';

export type InterventionRow = typeof interventions.$inferInsert & {
  id: string;
  scheduledAt: Date;
  kind: InterventionKind;
};
export type LineRow = typeof interventionLines.$inferInsert;
type InvoiceRow = typeof invoices.$inferInsert & { id: string; issuedAt: Date; dueAt: Date; totalTtcCents: number };

const METHOD_LABELS: Record<PaymentMethod, string> = {
  card: 'carte bancaire',
  transfer: 'virement',
  cash: 'espèces',
  check: 'chèque',
  'direct-debit': 'prélèvement',
};

// Formatters are costly to build: one each, reused for thousands of rows.
const EUR = new Intl.NumberFormat('fr-FR', { style: 'currency', currency: 'EUR' });
const LONG_DATE = new Intl.DateTimeFormat('fr-FR', { dateStyle: 'long', timeZone: 'Europe/Paris' });
export const euros = (cents: number) => EUR.format(cents / 100);
const frDate = (d: Date) => LONG_DATE.format(d);

export interface CustomerHistory {
  interventions: InterventionRow[];
  lines: LineRow[];
  invoices: InvoiceRow[];
  activities: ActivityRow[];
}

/** Payments by the customer's habits; invoices.paidCents/status follow; overdue ones get reminders. */
export function settleInvoices(rng: Rng, c: CustomerDraft, h: CustomerHistory, staff: DemoStaff, now: Date) {
  const rows: (typeof payments.$inferInsert)[] = [];
  let overdue = false;
  const methods: PaymentMethod[] =
    c.row.kind === 'company'
      ? ['transfer', 'transfer', 'direct-debit', 'check']
      : ['card', 'card', 'card', 'check', 'cash', 'transfer'];
  for (const inv of h.invoices) {
    h.activities.push(
      activity(c, staff.manager, 'invoice', `Facture ${inv.number} émise`, inv.issuedAt, {
        description: `${euros(inv.totalTtcCents)} TTC, échéance le ${frDate(inv.dueAt)}`,
        metadata: { number: inv.number, totalTtcCents: inv.totalTtcCents },
        relatedType: 'invoice',
        relatedId: inv.id,
      }),
    );
    if (inv.status === 'cancelled') continue;
    const ttc = inv.totalTtcCents;
    let plan: { after: number; cents: number }[];
    const behaviour =
      c.payer === 'bad'
        ? rng.weighted(['late', 'partial', 'never'] as const, (x) => ({ late: 50, partial: 25, never: 25 })[x])
        : c.payer;
    if (behaviour === 'good')
      plan = rng.chance(0.1)
        ? [
            { after: rng.int(0, 10), cents: Math.round(ttc / 2) },
            { after: rng.int(30, 40), cents: ttc - Math.round(ttc / 2) },
          ]
        : [{ after: rng.int(0, 25), cents: ttc }];
    else if (behaviour === 'late')
      plan = [{ after: c.payer === 'bad' ? rng.int(60, 150) : rng.int(35, 100), cents: ttc }];
    else if (behaviour === 'partial')
      plan = [{ after: rng.int(10, 60), cents: Math.round((ttc * rng.int(30, 60)) / 100) }];
    else plan = [];
    let paid = 0;
    for (const step of plan) {
      const paidAt = atWorkingHour(rng, inv.issuedAt.getTime() + step.after * DAY);
      if (paidAt.getTime() > now.getTime() || step.cents <= 0) break;
      const method = rng.pick(methods);
      const id = rng.uuid();
      const reference =
        method === 'transfer'
          ? `VIR ${inv.number}`
          : method === 'check'
            ? `Chèque n° ${rng.int(1_000_000, 9_999_999)}`
            : method === 'card'
              ? `CB ${rng.int(100000, 999999)}`
              : method === 'direct-debit'
                ? `PRLV SEPA ${inv.number}`
                : null;
      rows.push({
        id,
        customerId: c.row.id,
        invoiceId: inv.id,
        amountCents: step.cents,
        method,
        paidAt,
        reference,
        createdAt: paidAt,
      });
      paid += step.cents;
      h.activities.push(
        activity(c, staff.manager, 'payment', `Paiement reçu : ${euros(step.cents)}`, paidAt, {
          description: `Facture ${inv.number} — ${METHOD_LABELS[method]}`,
          metadata: { invoiceId: inv.id, number: inv.number, amountCents: step.cents, method },
          relatedType: 'payment',
          relatedId: id,
        }),
      );
    }
    inv.paidCents = paid;
    inv.status = paid === 0 ? 'unpaid' : paid >= ttc ? 'paid' : 'partial';
    if (paid > 0) inv.updatedAt = rows[rows.length - 1].paidAt as Date;
    if (paid < ttc && inv.dueAt.getTime() < now.getTime()) {
      overdue = true;
      const remindAt = new Date(Math.min(inv.dueAt.getTime() + rng.int(5, 20) * DAY, now.getTime() - DAY));
      h.activities.push(
        activity(c, staff.manager, 'call', `Relance impayé : facture ${inv.number}`, remindAt, {
          description: `Reste dû ${euros(ttc - paid)}. ${rng.pick(['Le client promet un règlement sous huitaine.', 'Message laissé sur le répondeur.', 'Échéancier proposé.'])}`,
          metadata: { direction: 'outbound', invoiceId: inv.id },
          relatedType: 'invoice',
          relatedId: inv.id,
        }),
      );
    }
  }
  return { payments: rows, overdue };
}

type ConsentRow = typeof consentEvents.$inferInsert;

/** Consent history: service notifications for most, marketing for ~40% (some withdrawn later). */
export function draftConsents(
  rng: Rng,
  c: CustomerDraft,
  h: CustomerHistory,
  staff: DemoStaff,
  now: Date,
): ConsentRow[] {
  const rows: ConsentRow[] = [];
  const span = now.getTime() - c.row.createdAt.getTime();
  const add = (purpose: string, channel: string, granted: boolean, at: Date, web: boolean, textVersion: string) => {
    const actor = web ? null : rng.pick([staff.manager, staff.technician]);
    const source = web ? 'web-form' : granted ? rng.pick(['paper-form', 'in-person']) : 'phone';
    const proofText = web
      ? granted
        ? 'Case cochée sur le formulaire en ligne (double opt-in confirmé)'
        : 'Lien de désinscription cliqué'
      : granted
        ? 'Formulaire papier signé à l’atelier, archivé'
        : 'Demande orale du client par téléphone';
    const id = rng.uuid();
    rows.push({
      id,
      customerId: c.row.id,
      purpose,
      channel,
      granted,
      source,
      textVersion,
      proofText,
      actorKind: actor ? 'user' : 'system',
      actorId: actor?.id ?? null,
      actorName: actor?.name ?? 'Site web',
      ip: web ? `192.0.2.${rng.int(1, 254)}` : null,
      userAgent: web
        ? 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 Mobile/15E148'
        : null,
      occurredAt: at,
      createdAt: at,
    });
    h.activities.push(
      activity(c, actor, 'consent', `Consentement ${granted ? 'donné' : 'retiré'} : ${purpose} (${channel})`, at, {
        description: proofText,
        metadata: { purpose, channel, granted, source, textVersion },
        relatedType: 'consent',
        relatedId: id,
      }),
    );
  };
  const at = (from: number) => new Date(Math.min(c.row.createdAt.getTime() + from, now.getTime() - 60_000));
  if (rng.chance(0.9)) {
    if (c.row.email) add('service-notifications', 'email', true, at(0), false, 'notifications-2023-01');
    if (c.row.mobile) add('service-notifications', 'sms', true, at(0), false, 'notifications-2023-01');
  }
  const marketing: [string, number][] = [
    ['email', c.row.email ? 0.4 : 0],
    ['sms', c.row.mobile ? 0.2 : 0],
  ];
  for (const [channel, p] of marketing) {
    if (!rng.chance(p)) continue;
    const web = rng.chance(0.6);
    const grantedAt = at(rng.next() * span * 0.5);
    add('marketing', channel, true, grantedAt, web, rng.pick(['marketing-v1', 'marketing-v2']));
    if (rng.chance(0.15))
      add(
        'marketing',
        channel,
        false,
        at(grantedAt.getTime() - c.row.createdAt.getTime() + rng.next() * (now.getTime() - grantedAt.getTime())),
        web,
        'marketing-v2',
      );
  }
  if (c.row.email && rng.chance(0.3))
    add('satisfaction-surveys', 'email', true, at(rng.next() * span * 0.3), false, 'enquetes-2024-01');
  return rows;
}
