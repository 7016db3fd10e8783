import type { consentEvents, customerActivity, interventions, invoices, payments } from '@/db/schema';
import type { PaymentMethod } from '@/db/schema/finances';
import { atWorkingHour, DAY, type CustomerDraft, type DemoStaff, type SeedUser } from './demo-customers';
import type { Rng } from './random';

type ActivityRow = typeof customerActivity.$inferInsert;
type InterventionRow = typeof interventions.$inferInsert & { id: string; scheduledAt: Date };
type InvoiceRow = typeof invoices.$inferInsert & { id: string; issuedAt: Date; dueAt: Date; totalTtcCents: number };

export const KIND_LABELS: Record<string, string> = {
  maintenance: 'Entretien',
  repair: 'Réparation',
  tyres: 'Pneumatiques',
  diagnostic: 'Diagnostic',
  bodywork: 'Carrosserie',
  inspection: 'Pré-contrôle technique',
  glass: 'Vitrage',
  'air-conditioning': 'Climatisation',
};
const KIND_WEIGHTS: Record<string, number> = {
  maintenance: 40,
  repair: 15,
  tyres: 12,
  diagnostic: 8,
  bodywork: 5,
  inspection: 10,
  glass: 4,
  'air-conditioning': 6,
};
// Typical price ranges, euros HT.
const KIND_PRICES: Record<string, [number, number]> = {
  maintenance: [120, 450],
  repair: [150, 1800],
  tyres: [180, 800],
  diagnostic: [50, 120],
  bodywork: [300, 2500],
  inspection: [60, 95],
  glass: [250, 900],
  'air-conditioning': [80, 180],
};
const KIND_DESCRIPTIONS: Record<string, string[]> = {
  maintenance: [
    'Vidange, filtres huile/air/habitacle, contrôle 30 points',
    'Révision constructeur, remise à zéro de l’indicateur',
    'Vidange et remplacement des bougies',
  ],
  repair: [
    'Remplacement plaquettes et disques avant',
    'Remplacement kit de distribution et pompe à eau',
    'Remplacement embrayage',
    'Remplacement batterie',
  ],
  tyres: [
    'Montage 4 pneus été, équilibrage, géométrie',
    'Permutation pneus hiver/été',
    'Réparation crevaison et équilibrage',
  ],
  diagnostic: [
    'Lecture des codes défaut, voyant moteur',
    'Diagnostic électronique complet',
    'Recherche de bruit en roulage',
  ],
  bodywork: [
    'Réparation pare-chocs arrière et peinture',
    'Débosselage sans peinture portière',
    'Remplacement rétroviseur',
  ],
  inspection: ['Pré-contrôle avant contrôle technique', 'Contre-visite : points corrigés'],
  glass: ['Remplacement pare-brise', 'Réparation impact pare-brise'],
  'air-conditioning': ['Recharge climatisation et désinfection', 'Recherche de fuite circuit de climatisation'],
};
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
  invoices: InvoiceRow[];
  activities: ActivityRow[];
}

const activity = (
  c: CustomerDraft,
  actor: SeedUser | null,
  type: ActivityRow['type'],
  title: string,
  occurredAt: Date,
  extra: Partial<ActivityRow> = {},
): ActivityRow => ({
  customerId: c.row.id,
  type,
  title,
  actorKind: actor ? 'user' : 'system',
  actorId: actor?.id ?? null,
  actorName: actor?.name ?? 'Site web',
  occurredAt,
  createdAt: occurredAt,
  metadata: {},
  ...extra,
});

/** Visits at the customer's own cadence (with noise), their invoices (numbers assigned later). */
export function draftHistory(rng: Rng, c: CustomerDraft, staff: DemoStaff, now: Date): CustomerHistory {
  const out: CustomerHistory = { interventions: [], invoices: [], activities: [] };
  const end = (c.churnedAt ?? now).getTime();
  let t = c.row.createdAt.getTime() + rng.int(0, Math.min(c.cadenceDays, 60)) * DAY;
  const kinds = Object.keys(KIND_WEIGHTS);
  while (t < end) {
    const kind = rng.weighted(kinds, (k) => KIND_WEIGHTS[k]);
    const vehicle = rng.pick(c.vehicles);
    const scheduledAt = atWorkingHour(rng, t);
    if (scheduledAt.getTime() >= now.getTime()) break;
    const cancelled = rng.chance(0.03);
    const completedAt = cancelled
      ? null
      : new Date(Math.min(scheduledAt.getTime() + rng.int(1, 5) * 3_600_000, now.getTime() - 60_000));
    const [lo, hi] = KIND_PRICES[kind];
    const amountCents = cancelled ? 0 : rng.int(lo * 100, hi * 100);
    const description = rng.pick(KIND_DESCRIPTIONS[kind]);
    const iv: InterventionRow = {
      id: rng.uuid(),
      customerId: c.row.id,
      vehicleId: vehicle.id,
      technicianId: staff.technician.id,
      kind,
      status: cancelled ? 'cancelled' : 'completed',
      description,
      scheduledAt,
      completedAt,
      amountCents,
      createdAt: new Date(scheduledAt.getTime() - rng.int(2, 20) * DAY),
      updatedAt: completedAt ?? scheduledAt,
    };
    if (iv.createdAt! < c.row.createdAt) iv.createdAt = c.row.createdAt;
    out.interventions.push(iv);
    const meta = { kind, vehicleId: vehicle.id, plate: vehicle.plate, amountCents };
    if (completedAt) {
      out.activities.push(
        activity(c, staff.technician, 'intervention', `Intervention réalisée : ${KIND_LABELS[kind]}`, completedAt, {
          description: `${description} — ${vehicle.make} ${vehicle.model} (${vehicle.plate})`,
          metadata: meta,
          relatedType: 'intervention',
          relatedId: iv.id,
        }),
      );
      const issuedAt = new Date(Math.min(completedAt.getTime() + rng.int(0, 1) * DAY, now.getTime() - 60_000));
      const vatCents = Math.round(amountCents * 0.2);
      out.invoices.push({
        id: rng.uuid(),
        customerId: c.row.id,
        interventionId: iv.id,
        number: '',
        issuedAt,
        dueAt: new Date(issuedAt.getTime() + 30 * DAY),
        totalHtCents: amountCents,
        vatCents,
        totalTtcCents: amountCents + vatCents,
        paidCents: 0,
        status: rng.chance(0.01) ? 'cancelled' : 'unpaid',
        createdAt: issuedAt,
        updatedAt: issuedAt,
      });
    } else {
      out.activities.push(
        activity(
          c,
          staff.manager,
          'intervention',
          `Rendez-vous annulé : ${KIND_LABELS[kind]}`,
          new Date(scheduledAt.getTime() - rng.int(1, 3) * DAY),
          {
            description: `Annulé à la demande du client — ${vehicle.plate}`,
            metadata: meta,
            relatedType: 'intervention',
            relatedId: iv.id,
          },
        ),
      );
    }
    t += c.cadenceDays * Math.max(0.5, 1 + rng.normal(0, 0.15)) * DAY;
  }
  // A booked visit ahead for a third of the active customers.
  if (c.row.status === 'active' && rng.chance(0.35)) {
    const next = Math.max(t, now.getTime() + rng.int(3, 45) * DAY);
    const kind = rng.weighted(kinds, (k) => KIND_WEIGHTS[k]);
    const vehicle = rng.pick(c.vehicles);
    const bookedAt = new Date(Math.max(now.getTime() - rng.int(1, 20) * DAY, c.row.createdAt.getTime()));
    const iv: InterventionRow = {
      id: rng.uuid(),
      customerId: c.row.id,
      vehicleId: vehicle.id,
      technicianId: staff.technician.id,
      kind,
      status: 'scheduled',
      description: rng.pick(KIND_DESCRIPTIONS[kind]),
      scheduledAt: atWorkingHour(rng, next),
      completedAt: null,
      amountCents: 0,
      createdAt: bookedAt,
      updatedAt: bookedAt,
    };
    out.interventions.push(iv);
    out.activities.push(
      activity(c, staff.manager, 'intervention', `Rendez-vous planifié : ${KIND_LABELS[kind]}`, bookedAt, {
        description: `Le ${frDate(iv.scheduledAt)} — ${vehicle.make} ${vehicle.model} (${vehicle.plate})`,
        metadata: { kind, vehicleId: vehicle.id, plate: vehicle.plate },
        relatedType: 'intervention',
        relatedId: iv.id,
      }),
    );
  }
  return out;
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
