import 'server-only';
import { and, asc, desc, eq, gte, inArray, isNull } from 'drizzle-orm';
import { type DbOrTx, getDb } from '@/db';
import { customers, interventions, vehicles } from '@/db/schema';
import { OPEN_INTERVENTION_STATUSES } from '@/db/schema/enums';
import { formatTime } from '@/components/ui/format';
import type { Actor } from '@/lib/auth/actor';
import { requireCustomer } from '@/lib/customers/guard';
import { customerDisplayName } from '@/lib/customers/schema';
import { kindLabel } from '@/lib/interventions/labels';
import { getNextPlannedIntervention } from '@/lib/interventions/lists';
import { parisDayRange, parisToday } from '@/lib/interventions/time';
import { getEmailTemplate, listEmailTemplates } from './templates';
import type { EmailPreviewDto } from './template-schema';
import { renderTemplate, type TemplateValues } from './template-variables';

const APPOINTMENT_DAY = new Intl.DateTimeFormat('fr-FR', {
  timeZone: 'Europe/Paris',
  weekday: 'long',
  day: 'numeric',
  month: 'long',
  year: 'numeric',
});

/**
 * One customer's template values, read on the server (what the send form shows is what the database says).
 * The intervention is the next one not finished, from today (Paris) on — the 360 summary's. The vehicle is
 * that intervention's, else the customer's first vehicle (creation order). `expediteur.nom` is the caller.
 */
export async function templateValuesFor(db: DbOrTx, actor: Actor, customerId: string): Promise<TemplateValues> {
  const customer = await requireCustomer(db, customerId);
  const next = await getNextPlannedIntervention(db, customerId);
  let vehicle: { plate: string | null; make: string | null; model: string | null } | null = next?.vehicle ?? null;
  if (!vehicle) {
    [vehicle = null] = await db
      .select({ plate: vehicles.plate, make: vehicles.make, model: vehicles.model })
      .from(vehicles)
      .where(eq(vehicles.customerId, customerId))
      .orderBy(asc(vehicles.createdAt), asc(vehicles.id))
      .limit(1);
  }
  return {
    'client.nom': customerDisplayName(customer),
    'client.prenom': customer.kind === 'individual' ? customer.firstName : null,
    'client.numero': customer.number,
    'intervention.date': next ? APPOINTMENT_DAY.format(next.scheduledAt) : null,
    'intervention.heure': next ? formatTime(next.scheduledAt) : null,
    'intervention.type': next ? kindLabel(next.kind) : null,
    'vehicule.immatriculation': vehicle?.plate ?? null,
    'vehicule.modele': vehicle ? [vehicle.make, vehicle.model].filter(Boolean).join(' ') || null : null,
    'agence.nom': customer.agency,
    'expediteur.nom': actor.name,
  };
}

/** « Utiliser un modèle »: the template rendered with this customer's values (404 unknown template or customer). */
export async function renderTemplateForCustomer(
  db: DbOrTx,
  actor: Actor,
  customerId: string,
  templateId: string,
): Promise<EmailPreviewDto> {
  const values = await templateValuesFor(db, actor, customerId);
  const template = await getEmailTemplate(db, templateId);
  return { templateId: template.id, purpose: template.purpose, ...renderTemplate(template, values) };
}

const nameColumns = {
  id: customers.id,
  kind: customers.kind,
  companyName: customers.companyName,
  firstName: customers.firstName,
  lastName: customers.lastName,
};

/**
 * The customer the templates page previews with: the one with the soonest upcoming intervention (so every
 * variable has a value), else the latest created; null on an empty database.
 */
export async function previewCustomer(db: DbOrTx): Promise<{ id: string; name: string } | null> {
  const { start } = parisDayRange(parisToday());
  const live = isNull(customers.erasedAt);
  const [upcoming] = await db
    .select(nameColumns)
    .from(interventions)
    .innerJoin(customers, eq(customers.id, interventions.customerId))
    .where(
      and(inArray(interventions.status, [...OPEN_INTERVENTION_STATUSES]), gte(interventions.scheduledAt, start), live),
    )
    .orderBy(asc(interventions.scheduledAt))
    .limit(1);
  const [latest] = upcoming
    ? [upcoming]
    : await db
        .select(nameColumns)
        .from(customers)
        .where(live)
        .orderBy(desc(customers.createdAt), desc(customers.id))
        .limit(1);
  return latest ? { id: latest.id, name: customerDisplayName(latest) } : null;
}

/** The templates page: every template, and the sample customer's values for the live preview. */
export async function loadEmailTemplatesPage(actor: Actor) {
  const db = getDb();
  const [templates, customer] = await Promise.all([listEmailTemplates(db), previewCustomer(db)]);
  const sample = customer ? { name: customer.name, values: await templateValuesFor(db, actor, customer.id) } : null;
  return { templates, sample };
}
