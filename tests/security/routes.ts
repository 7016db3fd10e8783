import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { getDb } from '@/db';
import { customers, customerTags, emailOutbox, interventionLines, interventions, savedViews, tags } from '@/db/schema';
import type { Actor } from '@/lib/auth/actor';
import type { RouteDef } from '@/lib/openapi/registry';
import { createManualActivity } from '@/lib/activity/mutations';
import { uploadDocument } from '@/lib/documents/mutations';
import { createEmailTemplate } from '@/lib/email/templates';
import { issueCreditNote } from '@/lib/finances/corrections';
import { createNote } from '@/lib/notes/mutations';
import { createTask } from '@/lib/tasks/mutations';
import { createContact, createCustomer, createUser, createVehicle } from '../factories';
import { insertConsentEvent } from '../factories/consents';
import { insertInvoice, insertPartlyPaidInvoice, insertPayment } from '../factories/finances';

/**
 * The route list, read from the file system (app/api/**\/route.ts) so that a new route cannot escape
 * the security suites. Each exported handler carries its definition (`withAuth(definition, handler)`):
 * permission, path ids, query and body schemas, the same object the OpenAPI document is built from.
 */
export const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;
export type Method = (typeof METHODS)[number];
export type Handler = (req: Request, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>;

export interface RouteFile {
  /** OpenAPI-style path: /api/customers/{id}/contacts/{contactId} */
  path: string;
  file: string;
  methods: Partial<Record<Method, Handler>>;
  /** The definition each handler carries; missing for a handler written without one. */
  definitions: Partial<Record<Method, RouteDef>>;
}

// Routes outside the JSON API contract: next-auth's own endpoints.
export const EXEMPT = new Set(['/api/auth/{nextauth}']);

const root = path.resolve(import.meta.dirname, '../..');

function walk(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) walk(full, out);
    else if (name === 'route.ts') out.push(full);
  }
  return out;
}

export function routePath(file: string): string {
  const rel = path.relative(path.join(root, 'app'), path.dirname(file)).split(path.sep);
  const segments = rel
    .filter((s) => !(s.startsWith('(') && s.endsWith(')')))
    .map((s) => s.replace(/^\[\.\.\.(\w+)\]$/, '{$1}').replace(/^\[(\w+)\]$/, '{$1}'));
  return `/${segments.join('/')}`;
}

export async function loadRoutes(): Promise<RouteFile[]> {
  const files = walk(path.join(root, 'app', 'api')).sort();
  const routes: RouteFile[] = [];
  for (const file of files) {
    if (EXEMPT.has(routePath(file))) continue;
    const mod = (await import(file)) as Record<string, unknown>;
    const methods: RouteFile['methods'] = {};
    const definitions: RouteFile['definitions'] = {};
    for (const m of METHODS) {
      if (typeof mod[m] !== 'function') continue;
      methods[m] = mod[m] as Handler;
      const definition = (mod[m] as { definition?: RouteDef }).definition;
      if (definition) definitions[m] = definition;
    }
    routes.push({ path: routePath(file), file, methods, definitions });
  }
  return routes;
}

/** Every route file method with its definition (those without one are the declarations test's failure). */
export function endpoints(files: RouteFile[]): { file: RouteFile; method: Method; definition: RouteDef }[] {
  return files.flatMap((file) =>
    (Object.keys(file.definitions) as Method[]).map((method) => ({
      file,
      method,
      definition: file.definitions[method]!,
    })),
  );
}

export interface World {
  customerId: string;
  ids: Record<string, string>;
  /** The customer's version once the fixture is built (a valid `updatedAt` for PATCH). */
  updatedAt?: string;
  /** The planned intervention's version (a valid `updatedAt` for its PATCH). */
  interventionUpdatedAt?: string;
}

/**
 * Ids for one route: an intervention action needs an intervention in the status it starts from
 * ("Terminer" an in-progress one, "Facturer" a done one); every other route uses the planned one. The
 * same for invoices: « Annuler » takes the unpaid one, « Rembourser » the one a credit note left overpaid.
 */
export function idsFor(pathTemplate: string, world: World): Record<string, string> {
  const ids = { ...world.ids };
  if (pathTemplate.endsWith('/complete') && ids.interventionInProgressId)
    ids.interventionId = ids.interventionInProgressId;
  if (pathTemplate.endsWith('/invoice') && ids.interventionDoneId) ids.interventionId = ids.interventionDoneId;
  // Money corrections: only an unpaid invoice can be cancelled, only an overpaid one refunded.
  if (pathTemplate.endsWith('/invoices/{invoiceId}/cancel') && ids.invoiceUnpaidId) ids.invoiceId = ids.invoiceUnpaidId;
  if (pathTemplate.endsWith('/invoices/{invoiceId}/refunds') && ids.invoiceOverpaidId)
    ids.invoiceId = ids.invoiceOverpaidId;
  return ids;
}

/**
 * A customer with one child of every kind (and the same for a second customer, whose child ids
 * are used to check object-level authorization).
 */
export async function buildCustomerWorld(owner: Actor): Promise<World> {
  const db = getDb();
  const customer = await createCustomer();
  // The other side of a pair (« Pas un doublon »).
  const other = await createCustomer();
  const contact = await createContact(customer.id);
  // A first registration date gives the vehicle a contrôle technique due date (reminder routes).
  const vehicle = await createVehicle(customer.id, { firstRegistrationDate: '2019-03-01' });
  const note = await createNote(db, owner, customer.id, { body: 'Portail code 1234', pinned: false } as never);
  // A manual entry written by the owner (a manager): other managers and admins may correct or delete it.
  const entry = await createManualActivity(db, owner, customer.id, { type: 'call', title: 'Appel de suivi' });
  const doc = await uploadDocument(db, owner, customer.id, {
    body: new Uint8Array(Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n')),
    originalName: 'devis.pdf',
    category: 'quote',
  });
  const { invoice, payment } = await insertPartlyPaidInvoice(customer.id, {
    invoice: { number: `F-SEC-${customer.number}`, issuedAt: new Date('2026-01-10'), dueAt: new Date('2026-02-10') },
    payment: { paidAt: new Date('2026-01-20') },
  });
  const unpaidInvoice = await insertInvoice(customer.id, { number: `F-SEC-U-${customer.number}` });
  // Paid in full, then credited 60 €: 60 € to pay back.
  const overpaid = await insertInvoice(customer.id, { number: `F-SEC-R-${customer.number}`, paidCents: 12_000 });
  await insertPayment(customer.id, overpaid.id, { amountCents: 12_000, paidAt: new Date('2025-02-01') });
  await issueCreditNote(db, owner, customer.id, overpaid.id, { amountCents: 6_000, reason: 'Remise' });
  const consent = await insertConsentEvent(customer.id);
  const [tag] = await db
    .insert(tags)
    .values({ name: `sec-${customer.number}` })
    .returning();
  await db.insert(customerTags).values({ customerId: customer.id, tagId: tag.id });
  // Interventions assigned to a technician user (never to a token: token technicians report on none).
  const technician = await createUser('technician');
  const visit = (status: 'planned' | 'in_progress' | 'done', day: number) => ({
    customerId: customer.id,
    vehicleId: vehicle.id,
    technicianId: technician.id,
    kind: 'maintenance' as const,
    status,
    scheduledAt: new Date(`2026-03-${String(day).padStart(2, '0')}T08:30:00Z`),
    durationMinutes: 60,
    addressLine1: customer.addressLine1,
    postalCode: customer.postalCode,
    city: customer.city,
    startedAt: status === 'planned' ? null : new Date(`2026-03-${String(day).padStart(2, '0')}T08:35:00Z`),
    completedAt: status === 'done' ? new Date(`2026-03-${String(day).padStart(2, '0')}T09:30:00Z`) : null,
    workDone: status === 'planned' ? null : 'Vidange et filtres',
    totalHtCents: 6500,
    totalTtcCents: 7800,
    updatedAt: new Date(),
  });
  const [plannedVisit, startedVisit, doneVisit] = await db
    .insert(interventions)
    .values([visit('planned', 12), visit('in_progress', 11), visit('done', 10)])
    .returning();
  await db.insert(interventionLines).values(
    [plannedVisit, startedVisit, doneVisit].map((iv) => ({
      interventionId: iv.id,
      position: 0,
      label: 'Main-d’œuvre',
      quantity: '1.00',
      unitPriceHtCents: 6500,
      vatRateBp: 2000,
    })),
  );
  // A follow-up task assigned to that technician (a technician token neither created nor is assigned it).
  const task = await createTask(db, owner, customer.id, {
    title: 'Rappeler pour le devis',
    dueDate: '2026-03-15',
    assigneeId: technician.id,
    interventionId: plannedVisit.id,
    invoiceId: null,
  });
  // A saved view another manager shared (one per owner at a time): admins and managers may take it down,
  // the other roles see it but may not touch it.
  const viewOwner = await createUser('manager');
  const [view] = await db
    .insert(savedViews)
    .values({ name: `Clients ${customer.number}`, filters: { tag: tag.name }, ownerUserId: viewOwner.id, shared: true })
    .returning();
  // An e-mail the SMTP server refused (« Réessayer » takes it; a service notification needs no grant), and a
  // template (names are unique: the customer's number makes it so).
  const [failedEmail] = await db
    .insert(emailOutbox)
    .values({
      customerId: customer.id,
      to: customer.email!,
      subject: 'Votre rendez-vous',
      body: 'Bonjour, votre rendez-vous est confirmé.',
      purpose: 'service-notifications',
      status: 'failed',
      error: '550 Mailbox unavailable',
      actorKind: owner.kind,
      actorId: owner.id,
      actorName: owner.name,
    })
    .returning();
  const template = await createEmailTemplate(db, owner, {
    name: `Rappel ${customer.number}`,
    subject: 'Rendez-vous du {{intervention.date}}',
    body: 'Bonjour {{client.nom}},\nvotre {{vehicule.modele}} est attendu.',
    purpose: 'service',
  });
  // An account for /api/users/{userId} (a technician: every admin change to it is allowed).
  const member = await createUser('technician');
  const [{ updatedAt }] = await db
    .select({ updatedAt: customers.updatedAt })
    .from(customers)
    .where(eq(customers.id, customer.id));
  return {
    customerId: customer.id,
    updatedAt: updatedAt.toISOString(),
    interventionUpdatedAt: plannedVisit.updatedAt.toISOString(),
    ids: {
      id: customer.id,
      contactId: contact.id,
      vehicleId: vehicle.id,
      noteId: note.id,
      docId: doc.id,
      activityId: entry.id,
      invoiceId: invoice.id,
      invoiceUnpaidId: unpaidInvoice.id,
      invoiceOverpaidId: overpaid.id,
      paymentId: payment.id,
      consentId: consent.id,
      tagId: tag.id,
      otherId: other.id,
      interventionId: plannedVisit.id,
      interventionInProgressId: startedVisit.id,
      interventionDoneId: doneVisit.id,
      technicianId: technician.id,
      userId: member.id,
      taskId: task.id,
      viewId: view.id,
      emailId: failedEmail.id,
      templateId: template.id,
    },
  };
}

/**
 * A customer world reused until a request may have changed it: a write that succeeded (2xx on anything but
 * GET). Refused writes change nothing (fuzz.test.ts checks it on every table after every refusal) and reads
 * add only audit rows, so the next route still finds every fixture as built. A world is ~60 statements:
 * building one per request made the matrix and the fuzzer the slowest suites of CI.
 */
export function worldPool(owner: Actor) {
  let current: Promise<World> | undefined;
  return {
    get: (): Promise<World> => (current ??= buildCustomerWorld(owner)),
    /** Call after each request sent with the world. */
    after(method: string, status: number): void {
      if (method.toUpperCase() !== 'GET' && status >= 200 && status < 300) current = undefined;
    },
  };
}

export async function systemOwner(): Promise<Actor> {
  const user = await createUser('manager');
  return { kind: 'user', id: user.id, name: user.name, role: 'manager' };
}

/** Replace {param} segments with the world's ids. */
export function fill(pathTemplate: string, world: World): { url: string; params: Record<string, string> } {
  const params: Record<string, string> = {};
  const ids = idsFor(pathTemplate, world);
  const url = pathTemplate.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = ids[name];
    if (!value) throw new Error(`no fixture id for {${name}} in ${pathTemplate}`);
    params[name] = value;
    return value;
  });
  return { url, params };
}
