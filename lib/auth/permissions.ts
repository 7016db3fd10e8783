import { ROLES, type Role } from '@/db/schema/enums';
import type { Actor } from './actor';

export { ROLES, type Role } from '@/db/schema/enums';

/** The single source of truth for who may do what. UI, actions and handlers all ask here. */
export const PERMISSIONS = [
  'customer.read',
  'customer.create',
  'customer.update',
  'customer.field-update',
  'activity.create',
  'document.upload',
  'document.delete',
  'consent.record',
  'finance.read',
  'analytics.read',
  'finance.write',
  'customer.status',
  'customer.duplicate',
  'customer.export',
  'email.send',
  // E-mail templates (« Modèles d’e-mail »): create, edit, delete. Picking one to send is 'email.send'.
  'email.template',
  'customer.delete',
  'admin',
  'intervention.read',
  'intervention.plan',
  'intervention.report',
  'intervention.invoice',
  'task.read',
  'task.write',
  // Mark one of one's saved views of the customer list as shared with everyone (README "Decisions").
  'view.share',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

const ALL: readonly Permission[] = PERMISSIONS;

export const ROLE_PERMISSIONS: Record<Role, ReadonlySet<Permission>> = {
  admin: new Set(ALL),
  manager: new Set(ALL.filter((p) => p !== 'customer.delete' && p !== 'admin')),
  // document.delete is granted but limited to the technician's own uploads (see canDeleteDocument).
  technician: new Set<Permission>([
    'customer.read',
    'customer.field-update',
    'activity.create',
    'document.upload',
    'document.delete',
    'consent.record',
    // intervention.report is limited to the technician's own assignments (see canReportIntervention).
    'intervention.read',
    'intervention.report',
    // task.write is limited to the tasks the technician created or is assigned (see canManageTask).
    'task.read',
    'task.write',
  ]),
  viewer: new Set<Permission>(['customer.read', 'finance.read', 'analytics.read', 'intervention.read', 'task.read']),
};

export const ROLE_LABELS: Record<Role, string> = {
  admin: 'Administrateur',
  manager: 'Responsable',
  technician: 'Technicien',
  viewer: 'Lecture seule',
};

export function can(role: Role | null | undefined, permission: Permission): boolean {
  return !!role && ROLE_PERMISSIONS[role].has(permission);
}

/** Roles ordered by privilege, for documents' "minimum role to view". */
const RANK: Record<Role, number> = { viewer: 0, technician: 1, manager: 2, admin: 3 };
export function roleAtLeast(role: Role, minimum: Role): boolean {
  return RANK[role] >= RANK[minimum];
}

/**
 * The document `min_role` values a role may see: its own rank and below. The SQL condition
 * (`inArray(min_role, documentVisibility(role))`) and the in-memory check below are the same rule.
 */
export function documentVisibility(role: Role): Role[] {
  return ROLES.filter((minimum) => roleAtLeast(role, minimum));
}

/** The in-memory form of `documentVisibility`, for rows already loaded (exports). */
export function canSeeDocument(role: Role, doc: { minRole: Role }): boolean {
  return roleAtLeast(role, doc.minRole);
}

/** Who wrote or uploaded an item: a signed-in user or an API token (never both). */
export interface ItemOwner {
  userId: string | null;
  tokenId?: string | null;
}

/** The item was created by this actor: a user by their user id, a token by its token id. */
export function ownsItem(actor: Pick<Actor, 'kind' | 'id'>, owner: ItemOwner): boolean {
  if (!actor.id) return false;
  if (actor.kind === 'user') return owner.userId === actor.id;
  return actor.kind === 'token' && owner.tokenId === actor.id;
}

/** Managers and admins act on any item; other roles holding `permission` only on their own. */
export function mayManageItem(actor: Pick<Actor, 'kind' | 'id' | 'role'>, permission: Permission, owner: ItemOwner) {
  if (!can(actor.role, permission)) return false;
  return actor.role === 'admin' || actor.role === 'manager' || ownsItem(actor, owner);
}

/** Technicians may delete only what they uploaded; managers and admins anything. */
export function canDeleteDocument(
  actor: Pick<Actor, 'kind' | 'id' | 'role'>,
  doc: { uploadedBy: string | null; uploadedByToken: string | null },
): boolean {
  return mayManageItem(actor, 'document.delete', { userId: doc.uploadedBy, tokenId: doc.uploadedByToken });
}

/** Rename, recategorise, restrict a document: the same people as its deletion (own uploads, or a manager). */
export function canEditDocument(
  actor: Pick<Actor, 'kind' | 'id' | 'role'>,
  doc: { uploadedBy: string | null; uploadedByToken: string | null },
): boolean {
  return mayManageItem(actor, 'document.upload', { userId: doc.uploadedBy, tokenId: doc.uploadedByToken });
}

/** How long the author of a manual activity may correct or delete it (managers and admins: always). */
export const ACTIVITY_EDIT_WINDOW_MS = 24 * 60 * 60 * 1000;

/** What decides whether a timeline entry may be corrected or deleted. */
export interface ActivityEditTarget {
  actorKind: 'user' | 'token' | 'system';
  actorId: string | null;
  /** Entries typed by a person carry `manual: true` (lib/activity/mutations.ts); every other one is a trace. */
  manual: boolean;
  createdAt: Date;
}

export type ActivityEditDecision = { allowed: true } | { allowed: false; status: 403 | 409; reason: string };

/**
 * Correct or delete a timeline entry. Only entries typed by a person: what the application wrote
 * (invoice, payment, consent, profile change…) is the record of what happened and stays immutable
 * (409). The author may act within 24 hours of writing it (from `createdAt`, not the backdatable
 * `occurredAt`); managers and admins at any time.
 */
export function activityEditDecision(
  actor: Pick<Actor, 'kind' | 'id' | 'role'>,
  entry: ActivityEditTarget,
  live: boolean,
  now: Date = new Date(),
): ActivityEditDecision {
  if (!can(actor.role, 'activity.create')) return { allowed: false, status: 403, reason: 'Action non autorisée.' };
  if (!live)
    return {
      allowed: false,
      status: 409,
      reason: "Ce client a été effacé (RGPD) : aucune modification n'est possible.",
    };
  if (!entry.manual || entry.actorKind === 'system')
    return {
      allowed: false,
      status: 409,
      reason: 'Cette activité a été enregistrée par l’application : elle ne peut être ni modifiée ni supprimée.',
    };
  if (actor.role === 'admin' || actor.role === 'manager') return { allowed: true };
  if (
    !ownsItem(actor, {
      userId: entry.actorKind === 'user' ? entry.actorId : null,
      tokenId: entry.actorKind === 'token' ? entry.actorId : null,
    })
  )
    return {
      allowed: false,
      status: 403,
      reason: 'Seul l’auteur de l’activité ou un responsable peut la modifier ou la supprimer.',
    };
  if (now.getTime() - entry.createdAt.getTime() >= ACTIVITY_EDIT_WINDOW_MS)
    return {
      allowed: false,
      status: 403,
      reason: 'Le délai de 24 heures pour corriger cette activité est dépassé : demandez à un responsable.',
    };
  return { allowed: true };
}

/** Edit, pin, delete a note: managers and admins any note; technicians the notes they (user or token) wrote. */
export function canManageNote(
  actor: Pick<Actor, 'kind' | 'id' | 'role'>,
  note: { authorId: string | null; authorTokenId?: string | null },
): boolean {
  return mayManageItem(actor, 'customer.field-update', { userId: note.authorId, tokenId: note.authorTokenId });
}

/**
 * Edit, complete, reopen a task: managers and admins any task; technicians the tasks they (user or token)
 * created and the tasks assigned to them. Creating one needs only `task.write`.
 */
export function canManageTask(
  actor: Pick<Actor, 'kind' | 'id' | 'role'>,
  task: { createdBy: string | null; createdByToken?: string | null; assigneeId: string | null },
): boolean {
  if (mayManageItem(actor, 'task.write', { userId: task.createdBy, tokenId: task.createdByToken })) return true;
  return can(actor.role, 'task.write') && actor.kind === 'user' && !!actor.id && task.assigneeId === actor.id;
}

/** What decides who sees and manages a saved view of the customer list. */
export interface SavedViewTarget {
  ownerUserId: string | null;
  ownerTokenId: string | null;
  shared: boolean;
}

/** What the viewer may do with one saved view; `see: false` means it does not exist for them (404). */
export interface SavedViewAbilities {
  see: boolean;
  rename: boolean;
  share: boolean;
  unshare: boolean;
  delete: boolean;
}

/**
 * Saved views: private to their owner (user or token), or shared with everyone. The owner renames and
 * deletes them; sharing one's own view needs `view.share` (managers, admins), who may also take another's
 * shared view down (unshare or delete it): what the whole team sees is theirs to keep tidy.
 */
export function savedViewAbilities(
  actor: Pick<Actor, 'kind' | 'id' | 'role'>,
  view: SavedViewTarget,
): SavedViewAbilities {
  const own = ownsItem(actor, { userId: view.ownerUserId, tokenId: view.ownerTokenId });
  const moderates = view.shared && can(actor.role, 'view.share');
  return {
    see: own || view.shared,
    rename: own,
    share: own && can(actor.role, 'view.share'),
    unshare: view.shared && (own || moderates),
    delete: own || moderates,
  };
}

/**
 * The duplicates page and its decisions (merge, « Pas un doublon », « Rétablir »): managers and admins,
 * who both update and duplicate customers. The API routes of dismissals declare 'customer.duplicate'
 * and check this too.
 */
export function canReviewDuplicates(role: Role | null | undefined): boolean {
  return can(role, 'customer.update') && can(role, 'customer.duplicate');
}

/**
 * What the viewer may do on one customer's pages, decided once per request (the customer layout and
 * every tab read the same object). Plain booleans, so it crosses to client components as a prop.
 * An erased customer is a tombstone: reads stay, every write and every header action is off.
 */
export interface CustomerAbilities {
  /** Edit form, archive/unarchive, tags. */
  update: boolean;
  /** Contacts, vehicles, location, notes. */
  fieldUpdate: boolean;
  status: boolean;
  delete: boolean;
  duplicate: boolean;
  export: boolean;
  emailSend: boolean;
  financeRead: boolean;
  financeWrite: boolean;
  analyticsRead: boolean;
  activityCreate: boolean;
  documentUpload: boolean;
  consentRecord: boolean;
  /** Plan, edit the planning, reassign, cancel interventions (managers). */
  interventionPlan: boolean;
  /** Invoice a finished intervention. */
  interventionInvoice: boolean;
  /** Add a follow-up task (« À faire »); editing one is canManageTask. */
  taskWrite: boolean;
}

export function customerAbilities(
  actor: Pick<Actor, 'role'> | null | undefined,
  customer: { erasedAt: Date | null },
): CustomerAbilities {
  const role = actor?.role;
  const live = !customer.erasedAt;
  const write = (permission: Permission) => live && can(role, permission);
  return {
    update: write('customer.update'),
    fieldUpdate: write('customer.field-update'),
    status: write('customer.status'),
    delete: write('customer.delete'),
    // Copying or exporting a tombstone makes no sense: the header offers no action on it.
    duplicate: write('customer.duplicate'),
    export: write('customer.export'),
    emailSend: write('email.send'),
    financeRead: can(role, 'finance.read'),
    financeWrite: write('finance.write'),
    analyticsRead: can(role, 'analytics.read'),
    activityCreate: write('activity.create'),
    documentUpload: write('document.upload'),
    consentRecord: write('consent.record'),
    interventionPlan: write('intervention.plan'),
    interventionInvoice: write('intervention.invoice'),
    taskWrite: write('task.write'),
  };
}

/**
 * Interventions: admins and managers report on any of them; a technician only on those assigned
 * to them (a token is never assigned, so a technician token reports on none).
 */
export function canReportIntervention(
  actor: { role: Role; kind: 'user' | 'token' | 'system'; id: string | null },
  intervention: { technicianId: string | null },
): boolean {
  if (!can(actor.role, 'intervention.report')) return false;
  if (actor.role === 'admin' || actor.role === 'manager') return true;
  return actor.kind === 'user' && actor.id != null && intervention.technicianId === actor.id;
}

/** What the intervention page offers on one intervention (the mutations check the same rules again). */
export interface InterventionAbilities {
  start: boolean;
  complete: boolean;
  cancel: boolean;
  invoice: boolean;
  /** Edit the report (work done, odometer, lines) — before the start only the planned lines, for managers. */
  report: boolean;
  /** Set unit prices: managers, or technicians when INTERVENTION_TECH_PRICING=1. */
  pricing: boolean;
  /** Photos and the customer's signature. */
  attach: boolean;
  reassign: boolean;
}

type Status = 'planned' | 'in_progress' | 'done' | 'invoiced' | 'cancelled';

export function interventionAbilities(
  actor: { role: Role; kind: 'user' | 'token' | 'system'; id: string | null },
  customer: { erasedAt: Date | null },
  intervention: { status: Status; technicianId: string | null; noCharge: boolean },
  options: { techPricing: boolean },
): InterventionAbilities {
  const live = !customer.erasedAt;
  const reports = live && canReportIntervention(actor, intervention);
  const plans = live && can(actor.role, 'intervention.plan');
  const { status } = intervention;
  return {
    start: reports && status === 'planned',
    complete: reports && status === 'in_progress',
    cancel: plans && (status === 'planned' || status === 'in_progress'),
    invoice: live && can(actor.role, 'intervention.invoice') && status === 'done' && !intervention.noCharge,
    report: status === 'in_progress' ? reports : status === 'planned' && plans,
    pricing: plans || (reports && options.techPricing),
    attach: reports && status !== 'invoiced' && status !== 'cancelled',
    reassign: plans && (status === 'planned' || status === 'in_progress'),
  };
}
