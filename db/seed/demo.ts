import { sql } from 'drizzle-orm';
import type { Db } from '@/db';
import {
  consentEvents,
  customerActivity,
  customerContacts,
  customerNotes,
  customers,
  customerTags,
  interventionLines,
  interventions,
  invoices,
  payments,
  tags,
  users,
  vehicles,
} from '@/db/schema';
import type { Role } from '@/db/schema/auth';
import { hashPassword } from '@/lib/auth/passwords';
import { refreshRfm } from '@/lib/analytics/rfm';
import { bulkInsert } from './bulk';
import { TAG_DEFINITIONS } from './data';
import { DAY, draftCustomer, type CustomerDraft, type DemoStaff } from './demo-customers';
import { draftConsents, settleInvoices, type CustomerHistory } from './demo-history';
import { todaySlots } from './demo-interventions';
import { draftHistory, planTechnicianDay } from './demo-visits';
import { createRng, type Rng } from './random';

/** The demo logins (README › Roles): one per role, all with DEMO_PASSWORD. */
export const DEMO_USERS: readonly { key: keyof DemoStaff; email: string; name: string; role: Role }[] = [
  { key: 'admin', email: 'admin@demo.local', name: 'Claire Dubois', role: 'admin' },
  { key: 'manager', email: 'manager@demo.local', name: 'Julien Moreau', role: 'manager' },
  { key: 'technician', email: 'technician@demo.local', name: 'Karim Benali', role: 'technician' },
  { key: 'viewer', email: 'viewer@demo.local', name: 'Sophie Lefèvre', role: 'viewer' },
];

export interface SeedDemoOptions {
  password: string;
  customers?: number;
  seed?: number;
  /** The "today" the history is built up to (tests pin it). */
  now?: Date;
}

export interface SeedDemoResult {
  users: number;
  customers: number;
  contacts: number;
  vehicles: number;
  notes: number;
  interventions: number;
  invoices: number;
  payments: number;
  consents: number;
  activities: number;
}

const MANUAL = [
  {
    type: 'call',
    title: 'Appel entrant : demande de devis',
    description: 'Le client souhaite un devis avant le prochain passage.',
  },
  {
    type: 'call',
    title: 'Appel sortant : rappel entretien',
    description: "Rappel de l'échéance de révision, rendez-vous à fixer.",
  },
  {
    type: 'call',
    title: 'Appel entrant : question sur une facture',
    description: 'Explication du détail des pièces et de la main-d’œuvre.',
  },
  { type: 'visit', title: "Passage à l'agence", description: 'Dépôt des clés et remise des papiers du véhicule.' },
  {
    type: 'visit',
    title: 'Visite sur site',
    description: 'Point sur l’état du parc et planification des prochains entretiens.',
  },
  {
    type: 'email',
    title: 'E-mail envoyé : confirmation de rendez-vous',
    description: 'Confirmation de date et d’horaire envoyée.',
  },
  {
    type: 'email',
    title: 'E-mail reçu : demande de disponibilité',
    description: 'Le client demande un créneau en fin de semaine.',
  },
] as const;

function between(rng: Rng, from: Date, to: Date): Date {
  return new Date(from.getTime() + rng.next() * Math.max(to.getTime() - from.getTime(), 0));
}

/** Profile, notes, status changes and day-to-day contacts, for the timeline. */
function everydayActivity(rng: Rng, c: CustomerDraft, h: CustomerHistory, staff: DemoStaff, now: Date) {
  const creator = c.row.createdBy === staff.admin.id ? staff.admin : staff.manager;
  const add = (
    actor: { id: string; name: string },
    type: string,
    title: string,
    occurredAt: Date,
    extra: Partial<typeof customerActivity.$inferInsert> = {},
  ) =>
    h.activities.push({
      customerId: c.row.id,
      type: type as never,
      title,
      actorKind: 'user',
      actorId: actor.id,
      actorName: actor.name,
      occurredAt,
      createdAt: occurredAt,
      metadata: {},
      ...extra,
    });
  add(creator, 'profile', 'Fiche client créée', c.row.createdAt, {
    relatedType: 'customer',
    relatedId: c.row.id,
    metadata: { kind: c.row.kind },
  });
  for (const v of c.vehicles)
    add(creator, 'profile', `Véhicule ajouté : ${v.make} ${v.model}`, c.row.createdAt, {
      relatedType: 'vehicle',
      relatedId: v.id,
      metadata: { plate: v.plate },
    });
  for (const n of c.notes) {
    add({ id: n.authorId!, name: n.authorName }, 'note', n.pinned ? 'Note épinglée' : 'Note ajoutée', n.createdAt, {
      description: n.body,
      relatedType: 'note',
      relatedId: n.id,
    });
  }
  const until = c.churnedAt ?? now;
  for (let k = rng.int(0, 4); k > 0; k--) {
    const m = rng.pick(MANUAL);
    add(
      rng.pick([staff.manager, staff.technician, staff.admin]),
      m.type,
      m.title,
      between(rng, c.row.createdAt, until),
      { description: m.description },
    );
  }
  if (c.row.status === 'inactive' && c.churnedAt) {
    const at = new Date(
      Math.min(c.churnedAt.getTime() + rng.int(20, 60) * DAY, (c.row.archivedAt ?? now).getTime() - 3_600_000),
    );
    add(staff.manager, 'status', 'Client passé inactif', at, { metadata: { from: 'active', to: 'inactive' } });
    c.row.updatedAt = at;
  }
  if (c.row.archivedAt) {
    add(staff.admin, 'status', 'Client archivé', c.row.archivedAt, { metadata: { archived: true } });
    c.row.updatedAt = c.row.archivedAt;
  }
}

function pickTags(rng: Rng, c: CustomerDraft, overdue: boolean, now: Date): string[] {
  const chosen: string[] = [];
  if (overdue) chosen.push('Relance');
  if (c.trade && rng.chance(0.8)) chosen.push('Pro');
  if (c.trade && c.vehicles.length >= 2) chosen.push('Flotte');
  if (c.trade?.trade === 'garage' && rng.chance(0.6)) chosen.push('Garage partenaire');
  if (rng.chance(0.15)) chosen.push('Contrat entretien');
  if (rng.chance(0.07)) chosen.push('VIP');
  if (now.getTime() - c.row.createdAt.getTime() < 120 * DAY) chosen.push('Nouveau client');
  if (rng.chance(0.05)) chosen.push('Parrainage');
  return chosen.slice(0, 3);
}

/**
 * Demo data for a first start (the caller checks the database is empty). Deterministic for a seed:
 * a seeded PRNG draws everything, including ids; dates are relative to `now`.
 */
export async function seedDemo(db: Db, opts: SeedDemoOptions): Promise<SeedDemoResult> {
  const rng = createRng(opts.seed ?? 360);
  const now = opts.now ?? new Date();
  const count = opts.customers ?? 240;
  const hashes = await Promise.all(DEMO_USERS.map(() => hashPassword(opts.password)));
  const userRows = DEMO_USERS.map((u, i) => ({
    id: rng.uuid(),
    email: u.email,
    name: u.name,
    role: u.role,
    passwordHash: hashes[i],
    createdAt: new Date(now.getTime() - 1300 * DAY),
  }));
  const staff = Object.fromEntries(
    DEMO_USERS.map((u, i) => [u.key, { id: userRows[i].id, name: u.name }]),
  ) as unknown as DemoStaff;
  const tagRows = TAG_DEFINITIONS.map((t) => ({
    id: rng.uuid(),
    name: t.name,
    color: t.color,
    createdAt: userRows[0].createdAt,
  }));
  const tagId = new Map<string, string>(tagRows.map((t) => [t.name, t.id]));

  // Oldest first so customer numbers follow creation dates.
  const drafts = Array.from({ length: count }, () => draftCustomer(rng, staff, now)).sort(
    (a, b) => a.row.createdAt.getTime() - b.row.createdAt.getTime(),
  );
  const histories = drafts.map((c) => draftHistory(rng, c, staff, now));
  planTechnicianDay(
    rng,
    drafts.map((c, i) => ({ c, h: histories[i] })),
    staff,
    now,
    todaySlots(now),
  );

  // Invoice numbers are chronological per year, as French invoicing requires.
  const allInvoices = histories.flatMap((h) => h.invoices).sort((a, b) => a.issuedAt.getTime() - b.issuedAt.getTime());
  const perYear = new Map<number, number>();
  for (const inv of allInvoices) {
    const year = inv.issuedAt.getUTCFullYear();
    const n = (perYear.get(year) ?? 0) + 1;
    perYear.set(year, n);
    inv.number = `F-${year}-${String(n).padStart(6, '0')}`;
  }

  const paymentRows: (typeof payments.$inferInsert)[] = [];
  const consentRows: (typeof consentEvents.$inferInsert)[] = [];
  const customerTagRows: (typeof customerTags.$inferInsert)[] = [];
  drafts.forEach((c, i) => {
    const h = histories[i];
    const { payments: paid, overdue } = settleInvoices(rng, c, h, staff, now);
    paymentRows.push(...paid);
    consentRows.push(...draftConsents(rng, c, h, staff, now));
    everydayActivity(rng, c, h, staff, now);
    for (const name of pickTags(rng, c, overdue, now))
      customerTagRows.push({ customerId: c.row.id, tagId: tagId.get(name)!, createdAt: c.row.createdAt });
  });

  const activityRows = histories.flatMap((h) => h.activities).map((a) => ({ ...a, id: rng.uuid() }));
  const result: SeedDemoResult = {
    users: userRows.length,
    customers: drafts.length,
    contacts: drafts.reduce((s, c) => s + c.contacts.length, 0),
    vehicles: drafts.reduce((s, c) => s + c.vehicles.length, 0),
    notes: drafts.reduce((s, c) => s + c.notes.length, 0),
    interventions: histories.reduce((s, h) => s + h.interventions.length, 0),
    invoices: allInvoices.length,
    payments: paymentRows.length,
    consents: consentRows.length,
    activities: activityRows.length,
  };

  await db.transaction(async (tx) => {
    await bulkInsert(tx, users, userRows);
    await bulkInsert(tx, tags, tagRows);
    // Rows are inserted in order, so the number sequence (C-000001…) follows creation dates.
    await bulkInsert(
      tx,
      customers,
      drafts.map((c) => c.row),
    );
    await bulkInsert(
      tx,
      customerContacts,
      drafts.flatMap((c) => c.contacts),
    );
    await bulkInsert(
      tx,
      vehicles,
      drafts.flatMap((c) => c.vehicles),
    );
    await bulkInsert(
      tx,
      customerNotes,
      drafts.flatMap((c) => c.notes),
    );
    await bulkInsert(tx, customerTags, customerTagRows);
    // interventions ⇄ invoices reference each other: the intervention's invoice_id is set once both exist.
    await bulkInsert(
      tx,
      interventions,
      histories.flatMap((h) => h.interventions).map((iv) => ({ ...iv, invoiceId: null })),
    );
    await bulkInsert(
      tx,
      interventionLines,
      histories.flatMap((h) => h.lines).map((line) => ({ ...line, id: rng.uuid() })),
    );
    await bulkInsert(tx, invoices, allInvoices);
    await tx.execute(
      sql`update interventions i set invoice_id = inv.id from invoices inv
        where inv.intervention_id = i.id and i.status = 'invoiced' and inv.status <> 'cancelled'`,
    );
    await bulkInsert(tx, payments, paymentRows);
    await bulkInsert(tx, consentEvents, consentRows);
    await bulkInsert(tx, customerActivity, activityRows);
  });
  // Score the new base now: the first customer page must not wait for the materialized view.
  await refreshRfm(db);
  return result;
}

/** True when no user exists yet: the start script seeds the demo only then. */
export async function isDatabaseEmpty(db: Db): Promise<boolean> {
  const rows = await db.select({ n: sql<number>`count(*)::int` }).from(users);
  return rows[0].n === 0;
}
