import type { Role } from '@/db/schema/enums';

export { ROLES, type Role } from '@/db/schema/enums';

/** SPEC §1: the single source of truth for who may do what. UI, actions and handlers all ask here. */
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
  'customer.delete',
  'admin',
  'intervention.read',
  'intervention.plan',
  'intervention.report',
  'intervention.invoice',
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
  ]),
  viewer: new Set<Permission>(['customer.read', 'finance.read', 'analytics.read', 'intervention.read']),
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

/** Technicians may delete only what they uploaded; managers and admins anything. */
export function canDeleteDocument(
  actor: { role: Role; kind: 'user' | 'token' | 'system'; id: string | null },
  doc: { uploadedBy: string | null; uploadedByToken: string | null },
): boolean {
  if (!can(actor.role, 'document.delete')) return false;
  if (actor.role === 'admin' || actor.role === 'manager') return true;
  return actor.kind === 'user' ? doc.uploadedBy === actor.id : doc.uploadedByToken === actor.id;
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
